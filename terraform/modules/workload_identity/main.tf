# The server's Google identity, bound to its Kubernetes service account with Workload Identity.
# Least privilege: sign/verify on the one KMS key, read the one secret, connect to Cloud SQL.

resource "google_service_account" "server" {
  project      = var.project_id
  account_id   = var.account_id
  display_name = "Waxseal server (Workload Identity)"
}

resource "google_service_account_iam_member" "workload_identity" {
  for_each           = toset(var.kubernetes_service_accounts)
  service_account_id = google_service_account.server.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "serviceAccount:${var.workload_pool}[${var.namespace}/${each.value}]"
}

resource "google_kms_crypto_key_iam_member" "signer" {
  crypto_key_id = var.crypto_key_id
  role          = "roles/cloudkms.signerVerifier"
  member        = "serviceAccount:${google_service_account.server.email}"
}

resource "google_secret_manager_secret_iam_member" "db_password" {
  project   = var.project_id
  secret_id = var.db_password_secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.server.email}"
}

# Cloud SQL has no per-instance IAM: cloudsql.client is granted on the project.
resource "google_project_iam_member" "cloudsql_client" {
  project = var.project_id
  role    = "roles/cloudsql.client"
  member  = "serviceAccount:${google_service_account.server.email}"
}
