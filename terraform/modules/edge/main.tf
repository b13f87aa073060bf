# Public edge for the GKE Ingress (global external Application Load Balancer): a static IP,
# an SSL policy (TLS 1.2+, MODERN), a Cloud Armor policy, and optionally the DNS record. The
# Google-managed certificate is a ManagedCertificate object made by the Helm chart.

resource "google_compute_global_address" "ingress" {
  project      = var.project_id
  name         = "${var.name}-ip"
  address_type = "EXTERNAL"
  ip_version   = "IPV4"
}

resource "google_compute_ssl_policy" "modern" {
  project         = var.project_id
  name            = "${var.name}-modern"
  profile         = "MODERN"
  min_tls_version = "TLS_1_2"
}

resource "google_compute_security_policy" "this" {
  project     = var.project_id
  name        = "${var.name}-armor"
  description = "Waxseal API: per-IP rate limit and preconfigured WAF rules"
  type        = "CLOUD_ARMOR"

  rule {
    action      = "throttle"
    priority    = 1000
    description = "Per-IP rate limit"
    match {
      versioned_expr = "SRC_IPS_V1"
      config {
        src_ip_ranges = ["*"]
      }
    }
    rate_limit_options {
      conform_action = "allow"
      exceed_action  = "deny(429)"
      enforce_on_key = "IP"
      rate_limit_threshold {
        count        = var.rate_limit_per_minute
        interval_sec = 60
      }
    }
  }

  rule {
    action      = "deny(403)"
    priority    = 2000
    preview     = var.waf_preview
    description = "Preconfigured WAF: SQL injection, remote code execution, scanners"
    match {
      expr {
        expression = "evaluatePreconfiguredWaf('sqli-v33-stable', {'sensitivity': 1}) || evaluatePreconfiguredWaf('rce-v33-stable', {'sensitivity': 1}) || evaluatePreconfiguredWaf('scannerdetection-v33-stable', {'sensitivity': 1})"
      }
    }
  }

  rule {
    action      = "allow"
    priority    = 2147483647
    description = "Default: allow"
    match {
      versioned_expr = "SRC_IPS_V1"
      config {
        src_ip_ranges = ["*"]
      }
    }
  }

  advanced_options_config {
    log_level = "NORMAL"
  }
}

data "google_dns_managed_zone" "this" {
  count   = var.dns_managed_zone == "" ? 0 : 1
  project = var.project_id
  name    = var.dns_managed_zone
}

resource "google_dns_record_set" "a" {
  count        = var.dns_managed_zone == "" ? 0 : 1
  project      = var.project_id
  managed_zone = data.google_dns_managed_zone.this[0].name
  name         = "${var.hostname}."
  type         = "A"
  ttl          = 300
  rrdatas      = [google_compute_global_address.ingress.address]
}
