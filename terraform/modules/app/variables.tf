variable "namespace" {
  description = "Namespace to install into (created here)."
  type        = string
}

variable "release_name" {
  description = "Helm release name; with the chart name \"waxseal\" in it, objects are named after it."
  type        = string
  default     = "waxseal"
}

variable "chart_path" {
  description = "Path of the Waxseal chart."
  type        = string
}

variable "image_repository" {
  description = "Server image repository."
  type        = string
}

variable "image_tag" {
  description = "Server image tag (a version, never latest)."
  type        = string
}

variable "image_digest" {
  description = "Optional sha256:... digest of the image; recommended in production."
  type        = string
  default     = ""
}

variable "hostname" {
  description = "Public host name of the log (checkpoint origin, ingress host, certificate)."
  type        = string
}

variable "jdbc_url" {
  description = "JDBC URL of PostgreSQL."
  type        = string
}

variable "database_user" {
  description = "Database user."
  type        = string
}

variable "database_password" {
  description = "Database password; stored in the Kubernetes Secret the chart reads."
  type        = string
  sensitive   = true
}

variable "database_cidr" {
  description = "CIDR of the database, for the NetworkPolicy."
  type        = string
}

variable "kms_key_version_uri" {
  description = "gcpkms:// URI of the signing key version."
  type        = string
}

variable "tiles_key_secret_name" {
  description = "Existing Kubernetes Secret (in var.namespace) with the Ed25519 tiles key, created by the operator before the release (docs/deploy.md). Without it no pod starts."
  type        = string
  default     = "waxseal-tiles-key"
}

variable "tiles_key_secret_key" {
  description = "Key of the PEM file in the tiles key Secret."
  type        = string
  default     = "tiles.pem"
}

variable "tiles_origin" {
  description = "C2SP checkpoint origin (WAXSEAL_TILES_ORIGIN), e.g. log.example.com/tlog; empty: the host name. Names the C2SP log for ever."
  type        = string
  default     = ""
}

variable "tiles_prefix" {
  description = "URL path of the tile API (WAXSEAL_TILES_PREFIX), e.g. /tlog; empty: the server root."
  type        = string
  default     = ""
}

variable "tiles_cosign_with_log_key" {
  description = "Also sign each C2SP checkpoint with the KMS log key (WAXSEAL_TILES_COSIGN_WITH_LOG_KEY)."
  type        = bool
  default     = false
}

variable "kubernetes_service_account" {
  description = "Name of the Kubernetes service account the chart creates."
  type        = string
}

variable "google_service_account" {
  description = "Google service account bound with Workload Identity."
  type        = string
}

variable "static_ip_name" {
  description = "Global static IP name for the GKE Ingress; empty: no Ingress."
  type        = string
  default     = ""
}

variable "security_policy_name" {
  description = "Cloud Armor policy for the backend."
  type        = string
  default     = ""
}

variable "ssl_policy_name" {
  description = "SSL policy for the frontend."
  type        = string
  default     = ""
}

variable "autoscaling" {
  description = "HPA bounds."
  type = object({
    min = number
    max = number
  })
  default = {
    min = 2
    max = 6
  }
}

variable "resources" {
  description = "Container CPU request and memory (request = limit)."
  type = object({
    cpu    = string
    memory = string
  })
  default = {
    cpu    = "500m"
    memory = "1Gi"
  }
}

variable "extra_values" {
  description = "Additional chart values (YAML documents), applied last."
  type        = list(string)
  default     = []
}

variable "read_jdbc_url" {
  description = "JDBC URL of a PostgreSQL read replica for WAXSEAL_READ_DATASOURCE_URL; empty: none."
  type        = string
  default     = ""
}

variable "cdn_enabled" {
  description = "Put Cloud CDN in front of the tile API (its own backend, caching per the server's Cache-Control). Needs the Ingress (static_ip_name)."
  type        = bool
  default     = false
}
