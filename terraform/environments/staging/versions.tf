terraform {
  required_version = ">= 1.6"

  # State holds the generated database password: a versioned bucket with uniform access, readable
  # only by the deployers. Create it once: gcloud storage buckets create gs://BUCKET --location=EU
  # --uniform-bucket-level-access && gcloud storage buckets update gs://BUCKET --versioning
  backend "gcs" {
    prefix = "waxseal/staging"
  }

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.50"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
    helm = {
      source  = "hashicorp/helm"
      version = "~> 3.0"
    }
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "~> 2.38"
    }
  }
}

provider "google" {
  project = var.project_id
  region  = var.region
}

data "google_client_config" "current" {}

# Both Kubernetes providers reach the new cluster's public endpoint (restricted by
# master_authorized_networks) with the caller's Google access token.
provider "kubernetes" {
  host                   = "https://${module.platform.cluster_endpoint}"
  token                  = data.google_client_config.current.access_token
  cluster_ca_certificate = base64decode(module.platform.cluster_ca_certificate)
}

provider "helm" {
  kubernetes = {
    host                   = "https://${module.platform.cluster_endpoint}"
    token                  = data.google_client_config.current.access_token
    cluster_ca_certificate = base64decode(module.platform.cluster_ca_certificate)
  }
}
