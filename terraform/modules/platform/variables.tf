variable "project_id" {
  description = "GCP project ID."
  type        = string
}

variable "region" {
  description = "Region for the network, cluster, database and key."
  type        = string
}

variable "environment" {
  description = "Environment name (staging, production); used in resource names."
  type        = string
}

variable "hostname" {
  description = "Public host name of the log (checkpoint origin)."
  type        = string
}

variable "namespace" {
  description = "Kubernetes namespace of the server."
  type        = string
  default     = "waxseal"
}

variable "kubernetes_service_accounts" {
  description = "Kubernetes service accounts bound to the server's Google identity: the chart's serviceAccount.name. The migration Job needs no cloud identity (migrate-only mode loads no key)."
  type        = list(string)
  default     = ["waxseal"]
}

variable "master_authorized_networks" {
  description = "CIDR blocks allowed to reach the GKE control plane."
  type = list(object({
    cidr_block   = string
    display_name = string
  }))
}

variable "network_cidrs" {
  description = "Subnet, pods and services ranges."
  type = object({
    subnet   = string
    pods     = string
    services = string
  })
  default = {
    subnet   = "10.10.0.0/20"
    pods     = "10.16.0.0/14"
    services = "10.20.0.0/20"
  }
}

variable "sql_tier" {
  description = "Cloud SQL machine tier."
  type        = string
  default     = "db-custom-2-7680"
}

variable "sql_availability_type" {
  description = "REGIONAL (HA) or ZONAL."
  type        = string
  default     = "REGIONAL"
}

variable "kms_protection_level" {
  description = "HSM or SOFTWARE for the log's signing key."
  type        = string
  default     = "HSM"
}

variable "deletion_protection" {
  description = "Deletion protection on the cluster and the database."
  type        = bool
  default     = true
}

variable "enable_edge" {
  description = "Create the static IP, SSL policy and Cloud Armor policy for a GKE Ingress."
  type        = bool
  default     = true
}

variable "dns_managed_zone" {
  description = "Existing Cloud DNS zone for the A record; empty: none."
  type        = string
  default     = ""
}

variable "sql_read_replica_enabled" {
  description = "Create a Cloud SQL read replica for entry, proof and search reads (docs/read-replicas.md)."
  type        = bool
  default     = false
}

variable "sql_read_replica_tier" {
  description = "Machine tier of the read replica; empty: sql_tier."
  type        = string
  default     = ""
}
