variable "project_id" {
  description = "GCP project ID."
  type        = string
}

variable "region" {
  description = "Region of the (regional) Autopilot cluster."
  type        = string
}

variable "name" {
  description = "Cluster name."
  type        = string
}

variable "network_id" {
  description = "VPC resource ID."
  type        = string
}

variable "subnetwork_id" {
  description = "Subnet resource ID for the nodes."
  type        = string
}

variable "pods_range_name" {
  description = "Secondary range name for pods."
  type        = string
}

variable "services_range_name" {
  description = "Secondary range name for services."
  type        = string
}

variable "master_authorized_networks" {
  description = "CIDR blocks allowed to reach the public control-plane endpoint (e.g. the CI runners that run Terraform and Helm)."
  type = list(object({
    cidr_block   = string
    display_name = string
  }))
}

variable "release_channel" {
  description = "GKE release channel."
  type        = string
  default     = "REGULAR"
}

variable "deletion_protection" {
  description = "Refuse to destroy the cluster."
  type        = bool
  default     = true
}

variable "maintenance_start_time" {
  description = "Start of the weekly maintenance window (RFC 3339)."
  type        = string
  default     = "2026-01-03T02:00:00Z"
}

variable "maintenance_end_time" {
  description = "End of the first maintenance window (RFC 3339); its length is the window length."
  type        = string
  default     = "2026-01-03T08:00:00Z"
}

variable "maintenance_recurrence" {
  description = "RRULE of the maintenance window."
  type        = string
  default     = "FREQ=WEEKLY;BYDAY=SA,SU"
}
