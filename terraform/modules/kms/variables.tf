variable "project_id" {
  description = "GCP project ID."
  type        = string
}

variable "location" {
  description = "KMS location (the region of the cluster, or a multi-region such as europe)."
  type        = string
}

variable "key_ring_name" {
  description = "Key ring name. Key rings and keys cannot be deleted: pick names once."
  type        = string
}

variable "key_name" {
  description = "Name of the log's signing key."
  type        = string
  default     = "log-signer"
}

variable "protection_level" {
  description = "HSM (production) or SOFTWARE."
  type        = string
  default     = "HSM"

  validation {
    condition     = contains(["HSM", "SOFTWARE"], var.protection_level)
    error_message = "protection_level must be HSM or SOFTWARE."
  }
}

variable "key_version" {
  description = "Version of the key the log signs with. A new version means a new log key: only change it with a new tree/shard."
  type        = number
  default     = 1
}
