# Production: regional HA Cloud SQL with PITR, an HSM signing key, 3-10 replicas over the zones.

module "platform" {
  source = "../../modules/platform"

  project_id                 = var.project_id
  region                     = var.region
  environment                = "production"
  hostname                   = var.hostname
  dns_managed_zone           = var.dns_managed_zone
  master_authorized_networks = var.master_authorized_networks
  network_cidrs = {
    subnet   = "10.10.0.0/20"
    pods     = "10.16.0.0/14"
    services = "10.20.0.0/20"
  }
  sql_tier              = "db-custom-2-7680"
  sql_availability_type = "REGIONAL"
  kms_protection_level  = "HSM"
  deletion_protection   = true

  sql_read_replica_enabled = var.sql_read_replica_enabled
}

module "app" {
  source = "../../modules/app"

  namespace                  = "waxseal"
  chart_path                 = "${path.module}/../../../helm/waxseal"
  image_repository           = module.platform.image_repository
  image_tag                  = var.image_tag
  image_digest               = var.image_digest
  hostname                   = var.hostname
  jdbc_url                   = module.platform.jdbc_url
  read_jdbc_url              = module.platform.read_jdbc_url
  cdn_enabled                = var.cdn_enabled
  database_user              = module.platform.database_user
  database_password          = module.platform.database_password
  database_cidr              = module.platform.database_cidr
  kms_key_version_uri        = module.platform.kms_key_version_uri
  tiles_key_secret_name      = var.tiles_key_secret_name
  tiles_origin               = var.tiles_origin
  tiles_prefix               = var.tiles_prefix
  tiles_cosign_with_log_key  = var.tiles_cosign_with_log_key
  kubernetes_service_account = "waxseal"
  google_service_account     = module.platform.server_service_account
  static_ip_name             = module.platform.static_ip_name
  security_policy_name       = module.platform.security_policy_name
  ssl_policy_name            = module.platform.ssl_policy_name
  autoscaling = {
    min = 3
    max = 10
  }
  resources = {
    cpu    = "1"
    memory = "2Gi"
  }

  # IAM (Workload Identity, KMS, Cloud SQL) must be in place before the pods start.
  depends_on = [module.platform]
}
