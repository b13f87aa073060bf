variable "project_id" {
  description = "GCP project ID of this environment."
  type        = string
}

variable "region" {
  description = "Region for everything regional."
  type        = string
  default     = "europe-west1"
}

variable "hostname" {
  description = "Public host name of the log. It becomes the checkpoint origin: choose it once."
  type        = string
}

variable "dns_managed_zone" {
  description = "Existing Cloud DNS managed zone for the A record; empty: manage DNS elsewhere."
  type        = string
  default     = ""
}

variable "master_authorized_networks" {
  description = "CIDR blocks allowed to reach the GKE control plane (where Terraform and kubectl run)."
  type = list(object({
    cidr_block   = string
    display_name = string
  }))
}

variable "image_tag" {
  description = "Server image tag to deploy (pushed to the Artifact Registry repository this creates)."
  type        = string
}

variable "image_digest" {
  description = "Optional sha256 digest of that image."
  type        = string
  default     = ""
}
