variable "project_id" {
  description = "GCP project ID."
  type        = string
}

variable "name" {
  description = "Name prefix for the load balancer resources."
  type        = string
}

variable "hostname" {
  description = "Public host name of the log."
  type        = string
}

variable "dns_managed_zone" {
  description = "Existing Cloud DNS managed zone that holds hostname; empty: no DNS record is made."
  type        = string
  default     = ""
}

variable "rate_limit_per_minute" {
  description = "Requests per minute per client IP before Cloud Armor answers 429."
  type        = number
  default     = 600
}

variable "waf_preview" {
  description = "Run the preconfigured WAF rules in preview (log only). Rekor bodies carry base64 and PEM, which generic WAF signatures can mistake for attacks: look at the logs before enforcing."
  type        = bool
  default     = true
}
