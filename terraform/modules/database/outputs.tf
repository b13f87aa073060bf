output "instance_name" {
  description = "Cloud SQL instance name."
  value       = google_sql_database_instance.this.name
}

output "connection_name" {
  description = "Instance connection name (project:region:instance), for the Cloud SQL connector or proxy."
  value       = google_sql_database_instance.this.connection_name
}

output "private_ip" {
  description = "Private IP of the instance."
  value       = google_sql_database_instance.this.private_ip_address
}

output "jdbc_url" {
  description = "JDBC URL for SPRING_DATASOURCE_URL (TLS required)."
  value       = "jdbc:postgresql://${google_sql_database_instance.this.private_ip_address}:5432/${google_sql_database.waxseal.name}?sslmode=require"
}

output "user_name" {
  description = "Database user of the server."
  value       = google_sql_user.waxseal.name
}

output "password_secret_id" {
  description = "Secret Manager secret holding the database password."
  value       = google_secret_manager_secret.db_password.id
}

output "password_secret_name" {
  description = "Short name (secret_id) of the password secret."
  value       = google_secret_manager_secret.db_password.secret_id
}

output "password" {
  description = "The generated database password (for the Kubernetes Secret)."
  value       = random_password.db.result
  sensitive   = true
}

output "read_replica_private_ip" {
  description = "Private IP of the read replica; empty without one."
  value       = var.read_replica_enabled ? google_sql_database_instance.read_replica[0].private_ip_address : ""
}

output "read_jdbc_url" {
  description = "JDBC URL of the read replica for WAXSEAL_READ_DATASOURCE_URL (TLS required); empty without one."
  value       = var.read_replica_enabled ? "jdbc:postgresql://${google_sql_database_instance.read_replica[0].private_ip_address}:5432/${google_sql_database.waxseal.name}?sslmode=require" : ""
}
