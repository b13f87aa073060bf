# Everything one Waxseal environment needs in GCP, below the Kubernetes workload: APIs, network,
# GKE Autopilot, Cloud SQL, the KMS signing key, the Secret Manager secret of the tiles key, the
# server's identity, an image repository and the load balancer edge.

locals {
  name = "waxseal-${var.environment}"
}

resource "google_project_service" "this" {
  for_each = toset([
    "artifactregistry.googleapis.com",
    "cloudkms.googleapis.com",
    "compute.googleapis.com",
    "container.googleapis.com",
    "dns.googleapis.com",
    "iam.googleapis.com",
    "logging.googleapis.com",
    "monitoring.googleapis.com",
    "secretmanager.googleapis.com",
    "servicenetworking.googleapis.com",
    "sqladmin.googleapis.com",
  ])
  project            = var.project_id
  service            = each.value
  disable_on_destroy = false
}

module "network" {
  source = "../network"

  project_id    = var.project_id
  region        = var.region
  name          = local.name
  subnet_cidr   = var.network_cidrs.subnet
  pods_cidr     = var.network_cidrs.pods
  services_cidr = var.network_cidrs.services

  depends_on = [google_project_service.this]
}

module "gke" {
  source = "../gke"

  project_id                 = var.project_id
  region                     = var.region
  name                       = local.name
  network_id                 = module.network.network_id
  subnetwork_id              = module.network.subnetwork_id
  pods_range_name            = module.network.pods_range_name
  services_range_name        = module.network.services_range_name
  master_authorized_networks = var.master_authorized_networks
  deletion_protection        = var.deletion_protection

  depends_on = [google_project_service.this]
}

module "database" {
  source = "../database"

  project_id          = var.project_id
  region              = var.region
  name                = "${local.name}-pg16"
  network_id          = module.network.private_services_network
  tier                = var.sql_tier
  availability_type   = var.sql_availability_type
  deletion_protection = var.deletion_protection

  read_replica_enabled = var.sql_read_replica_enabled
  read_replica_tier    = var.sql_read_replica_tier

  depends_on = [google_project_service.this]
}

module "kms" {
  source = "../kms"

  project_id       = var.project_id
  location         = var.region
  key_ring_name    = local.name
  protection_level = var.kms_protection_level

  depends_on = [google_project_service.this]
}

# The Ed25519 tiles key (C2SP checkpoints) cannot live in Cloud KMS: the server reads it from a
# file. Terraform does not generate it either, because the private key would then sit in the state
# (and a replaced resource would silently be a new log identity). This secret is only its place of
# record: the operator generates the key offline and adds it as a version out of band
# (docs/deploy.md), so it is never in the state. Nobody is granted access to it here: the server
# reads the key from the Kubernetes Secret the operator creates from the same file. Destroying the
# secret would destroy the key's backup, so Terraform may not.
resource "google_secret_manager_secret" "tiles_key" {
  project   = var.project_id
  secret_id = "${local.name}-tiles-key"

  labels = {
    app     = "waxseal"
    purpose = "c2sp-checkpoint-key"
  }

  replication {
    auto {}
  }

  lifecycle {
    prevent_destroy = true
  }

  depends_on = [google_project_service.this]
}

module "workload_identity" {
  source = "../workload_identity"

  project_id                  = var.project_id
  account_id                  = "${local.name}-server"
  workload_pool               = module.gke.workload_pool
  namespace                   = var.namespace
  kubernetes_service_accounts = var.kubernetes_service_accounts
  crypto_key_id               = module.kms.crypto_key_id
  db_password_secret_id       = module.database.password_secret_id

  depends_on = [google_project_service.this]
}

module "edge" {
  source = "../edge"
  count  = var.enable_edge ? 1 : 0

  project_id       = var.project_id
  name             = local.name
  hostname         = var.hostname
  dns_managed_zone = var.dns_managed_zone

  depends_on = [google_project_service.this]
}

resource "google_artifact_registry_repository" "images" {
  project       = var.project_id
  location      = var.region
  repository_id = local.name
  format        = "DOCKER"
  description   = "Waxseal server images"

  docker_config {
    immutable_tags = true
  }

  depends_on = [google_project_service.this]
}
