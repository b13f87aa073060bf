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

variable "tiles_key_secret_name" {
  description = "Kubernetes Secret (namespace waxseal, key tiles.pem) with the Ed25519 tiles key. Create it, and the Secret Manager version, before the first full apply (docs/deploy.md)."
  type        = string
  default     = "waxseal-tiles-key"
}

variable "tiles_origin" {
  description = "C2SP checkpoint origin, e.g. log.example.com/tlog; empty: the host name. Choose it once."
  type        = string
  default     = ""
}

variable "tiles_prefix" {
  description = "URL path of the tile API, e.g. /tlog; empty: the server root."
  type        = string
  default     = ""
}

variable "tiles_cosign_with_log_key" {
  description = "Also sign each C2SP checkpoint with the KMS log key."
  type        = bool
  default     = false
}

variable "sql_read_replica_enabled" {
  description = "Create a Cloud SQL read replica and send the server's entry, proof and search reads to it (docs/read-replicas.md)."
  type        = bool
  default     = false
}

variable "cdn_enabled" {
  description = "Cloud CDN in front of the tile API (full tiles and bundles immutable; the checkpoint's max-age bounds staleness)."
  type        = bool
  default     = true
}
