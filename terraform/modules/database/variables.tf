variable "project_id" {
  description = "GCP project ID."
  type        = string
}

variable "region" {
  description = "Region of the Cloud SQL instance."
  type        = string
}

variable "name" {
  description = "Instance name (a new name is needed after a delete: Cloud SQL reserves names for a week)."
  type        = string
}

variable "network_id" {
  description = "VPC resource ID for the private IP. Pass the network output of the service networking connection so the instance is created after the peering."
  type        = string
}

variable "tier" {
  description = "Machine tier, e.g. db-custom-2-7680 (2 vCPU, 7.5 GB)."
  type        = string
  default     = "db-custom-2-7680"
}

variable "availability_type" {
  description = "REGIONAL (HA, a standby in another zone) or ZONAL."
  type        = string
  default     = "REGIONAL"

  validation {
    condition     = contains(["REGIONAL", "ZONAL"], var.availability_type)
    error_message = "availability_type must be REGIONAL or ZONAL."
  }
}

variable "disk_size_gb" {
  description = "Initial SSD size; it grows automatically."
  type        = number
  default     = 20
}

variable "backup_retained_count" {
  description = "Number of daily backups kept."
  type        = number
  default     = 30
}

variable "pitr_log_retention_days" {
  description = "Days of write-ahead log kept for point-in-time recovery (1-7)."
  type        = number
  default     = 7
}

variable "deletion_protection" {
  description = "Refuse to delete the instance (Terraform and the Cloud SQL API)."
  type        = bool
  default     = true
}

variable "database_name" {
  description = "Database name."
  type        = string
  default     = "waxseal"
}

variable "user_name" {
  description = "Database user of the server."
  type        = string
  default     = "waxseal"
}

variable "read_replica_enabled" {
  description = "Create a Cloud SQL read replica for the server's entry, proof and search reads."
  type        = bool
  default     = false
}

variable "read_replica_tier" {
  description = "Machine tier of the read replica; empty: the primary's tier."
  type        = string
  default     = ""
}
