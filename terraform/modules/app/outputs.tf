output "namespace" {
  description = "Namespace of the release."
  value       = kubernetes_namespace_v1.this.metadata[0].name
}

output "release_name" {
  description = "Helm release name."
  value       = helm_release.waxseal.name
}
