# The Waxseal workload: namespace, the database Secret the chart expects, and the Helm release
# wired with the platform's outputs. No key material here: the log key stays in Cloud KMS, and the
# Ed25519 tiles key is a Kubernetes Secret the operator creates (var.tiles_key_secret_name), so
# neither is ever in the Terraform state.

resource "kubernetes_namespace_v1" "this" {
  metadata {
    name = var.namespace
    labels = {
      "app.kubernetes.io/part-of" = "waxseal"
    }
  }
}

# The chart only reads existing Secrets. This one is made from the password Terraform generated
# (also kept in Secret Manager); swap it for an ExternalSecret if you run External Secrets.
resource "kubernetes_secret_v1" "db" {
  metadata {
    name      = "waxseal-db"
    namespace = kubernetes_namespace_v1.this.metadata[0].name
  }
  data = {
    username = var.database_user
    password = var.database_password
  }
  type = "Opaque"
}

locals {
  ingress_enabled = var.static_ip_name != ""
  values = {
    image = {
      repository = var.image_repository
      tag        = var.image_tag
      digest     = var.image_digest
    }
    log = {
      hostname = var.hostname
    }
    database = {
      url            = var.jdbc_url
      existingSecret = kubernetes_secret_v1.db.metadata[0].name
      usernameKey    = "username"
      passwordKey    = "password"
    }
    # The Cloud SQL read replica, if any: same users as the primary, so the same Secret.
    readDatabase = {
      url = var.read_jdbc_url
    }
    signer = {
      type = "kms"
      kms = {
        keyUri = var.kms_key_version_uri
      }
    }
    tiles = {
      keyFile = {
        existingSecret = var.tiles_key_secret_name
        key            = var.tiles_key_secret_key
      }
      origin           = var.tiles_origin
      prefix           = var.tiles_prefix
      cosignWithLogKey = var.tiles_cosign_with_log_key
    }
    migrations = {
      mode = "job"
    }
    serviceAccount = {
      create = true
      name   = var.kubernetes_service_account
      annotations = {
        "iam.gke.io/gcp-service-account" = var.google_service_account
      }
    }
    resources = {
      requests = {
        cpu    = var.resources.cpu
        memory = var.resources.memory
      }
      limits = {
        memory = var.resources.memory
      }
    }
    autoscaling = {
      enabled     = true
      minReplicas = var.autoscaling.min
      maxReplicas = var.autoscaling.max
    }
    pdb = {
      enabled = true
    }
    ingress = {
      enabled = local.ingress_enabled
      hosts = [{
        host  = var.hostname
        paths = [{ path = "/", pathType = "Prefix" }]
      }]
      gke = {
        enabled      = local.ingress_enabled
        staticIpName = var.static_ip_name
        managedCertificate = {
          enabled = true
        }
        backendConfig = {
          securityPolicy = var.security_policy_name
        }
        frontendConfig = {
          sslPolicy = var.ssl_policy_name
        }
        # Cloud CDN on the tile API's backend (full tiles and bundles immutable, the checkpoint 1 s).
        cdn = {
          enabled = local.ingress_enabled && var.cdn_enabled
        }
      }
    }
    metrics = {
      podMonitoring = {
        enabled = true
      }
    }
    networkPolicy = {
      enabled                  = true
      allowExternal            = false
      ingressFrom              = []
      allowGoogleLoadBalancers = true
      allowGkeMetadataServer   = true
      allowHttpsEgress         = true
      database = {
        cidrs = [var.database_cidr]
      }
    }
  }
}

resource "helm_release" "waxseal" {
  name      = var.release_name
  namespace = kubernetes_namespace_v1.this.metadata[0].name
  chart     = var.chart_path

  values = concat([yamlencode(local.values)], var.extra_values)

  atomic          = true
  wait            = true
  timeout         = 900
  cleanup_on_fail = true
}
