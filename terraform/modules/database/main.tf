# Cloud SQL for PostgreSQL 16 on a private IP only, HA across zones, daily backups with
# point-in-time recovery, deletion protection. The server's password is generated here and kept in
# Secret Manager. It is also in the Terraform state: keep the state bucket locked down.

resource "google_sql_database_instance" "this" {
  project             = var.project_id
  name                = var.name
  region              = var.region
  database_version    = "POSTGRES_16"
  deletion_protection = var.deletion_protection

  settings {
    tier                        = var.tier
    edition                     = "ENTERPRISE"
    availability_type           = var.availability_type
    disk_type                   = "PD_SSD"
    disk_size                   = var.disk_size_gb
    disk_autoresize             = true
    deletion_protection_enabled = var.deletion_protection

    ip_configuration {
      ipv4_enabled                                  = false
      private_network                               = var.network_id
      ssl_mode                                      = "ENCRYPTED_ONLY"
      enable_private_path_for_google_cloud_services = true
    }

    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
      start_time                     = "01:00"
      transaction_log_retention_days = var.pitr_log_retention_days

      backup_retention_settings {
        retained_backups = var.backup_retained_count
        retention_unit   = "COUNT"
      }
    }

    maintenance_window {
      day          = 7
      hour         = 3
      update_track = "stable"
    }

    insights_config {
      query_insights_enabled  = true
      query_string_length     = 1024
      record_application_tags = true
      record_client_address   = false
    }

    database_flags {
      name  = "log_min_duration_statement"
      value = "1000"
    }

    database_flags {
      name  = "log_lock_waits"
      value = "on"
    }
  }
}

resource "google_sql_database" "waxseal" {
  project  = var.project_id
  instance = google_sql_database_instance.this.name
  name     = var.database_name
}

resource "random_password" "db" {
  length  = 32
  special = false
}

resource "google_sql_user" "waxseal" {
  project  = var.project_id
  instance = google_sql_database_instance.this.name
  name     = var.user_name
  password = random_password.db.result

  # PostgreSQL refuses to drop a role that owns objects; leave it to the instance's lifecycle.
  deletion_policy = "ABANDON"
}

resource "google_secret_manager_secret" "db_password" {
  project   = var.project_id
  secret_id = "${var.name}-db-password"

  replication {
    auto {}
  }
}

resource "google_secret_manager_secret_version" "db_password" {
  secret      = google_secret_manager_secret.db_password.id
  secret_data = random_password.db.result
}

# An optional read replica (var.read_replica_enabled): a PostgreSQL streaming replica of the
# instance above, on the same private network, for the server's entry, proof and search reads
# (WAXSEAL_READ_DATASOURCE_URL; docs/read-replicas.md). It has the primary's users and databases.
# ZONAL: it is a read cache, not the failover target (the primary's REGIONAL HA is that); a lost
# replica only sends its reads back to the primary.
resource "google_sql_database_instance" "read_replica" {
  count                = var.read_replica_enabled ? 1 : 0
  project              = var.project_id
  name                 = "${var.name}-read"
  region               = var.region
  database_version     = "POSTGRES_16"
  master_instance_name = google_sql_database_instance.this.name
  deletion_protection  = false

  replica_configuration {
    failover_target = false
  }

  settings {
    tier              = var.read_replica_tier == "" ? var.tier : var.read_replica_tier
    edition           = "ENTERPRISE"
    availability_type = "ZONAL"
    disk_type         = "PD_SSD"
    disk_autoresize   = true

    ip_configuration {
      ipv4_enabled                                  = false
      private_network                               = var.network_id
      ssl_mode                                      = "ENCRYPTED_ONLY"
      enable_private_path_for_google_cloud_services = true
    }

    insights_config {
      query_insights_enabled  = true
      query_string_length     = 1024
      record_application_tags = true
      record_client_address   = false
    }

    # A long replica query is cancelled rather than holding replay back; the server retries
    # a cancelled read on the primary.
    database_flags {
      name  = "max_standby_streaming_delay"
      value = "5000"
    }
  }
}
