variable "project_id" {
  description = "GCP project ID."
  type        = string
}

variable "account_id" {
  description = "Account ID of the server's Google service account."
  type        = string
  default     = "waxseal-server"
}

variable "workload_pool" {
  description = "Workload Identity pool (<project>.svc.id.goog)."
  type        = string
}

variable "namespace" {
  description = "Kubernetes namespace of the server."
  type        = string
}

variable "kubernetes_service_accounts" {
  description = "Kubernetes service accounts that act as the server: the server pods'. (The migration Job loads no key and needs none.)"
  type        = list(string)
}

variable "crypto_key_id" {
  description = "The log's KMS key; the server may sign and verify with it, nothing else."
  type        = string
}

variable "db_password_secret_id" {
  description = "Secret Manager secret of the database password; the server may read this one secret."
  type        = string
}
