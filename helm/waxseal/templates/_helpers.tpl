{{/* Chart name, truncated to the 63 characters of a DNS label. */}}
{{- define "waxseal.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: release-chart, or the release name when it already contains the chart name. */}}
{{- define "waxseal.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "waxseal.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Stable selector labels: never change them, a Deployment's selector is immutable. */}}
{{- define "waxseal.selectorLabels" -}}
app.kubernetes.io/name: {{ include "waxseal.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: server
{{- end }}

{{- define "waxseal.labels" -}}
helm.sh/chart: {{ include "waxseal.chart" . }}
{{ include "waxseal.selectorLabels" . }}
app.kubernetes.io/version: {{ include "waxseal.imageTag" . | quote }}
app.kubernetes.io/part-of: waxseal
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Labels of the migration Job (a different component, so no Service or PDB selects it). */}}
{{- define "waxseal.migrateLabels" -}}
helm.sh/chart: {{ include "waxseal.chart" . }}
app.kubernetes.io/name: {{ include "waxseal.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: migrate
app.kubernetes.io/version: {{ include "waxseal.imageTag" . | quote }}
app.kubernetes.io/part-of: waxseal
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "waxseal.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "waxseal.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "waxseal.imageTag" -}}
{{- default .Chart.AppVersion .Values.image.tag }}
{{- end }}

{{- define "waxseal.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s:%s@%s" .Values.image.repository (include "waxseal.imageTag" .) .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (include "waxseal.imageTag" .) }}
{{- end }}
{{- end }}

{{/* The checkpoint origin: log.hostname, else the first ingress host. */}}
{{- define "waxseal.hostname" -}}
{{- if .Values.log.hostname }}
{{- .Values.log.hostname }}
{{- else if and .Values.ingress.enabled .Values.ingress.hosts }}
{{- (first .Values.ingress.hosts).host }}
{{- end }}
{{- end }}

{{- define "waxseal.javaToolOptions" -}}
{{- printf "-XX:MaxRAMPercentage=%v %s" .Values.jvm.maxRamPercentage .Values.jvm.extraOptions | trim }}
{{- end }}

{{/* Database credentials, only from the existing Secret (or a plain user name). */}}
{{- define "waxseal.dbEnv" -}}
{{- if .Values.database.usernameKey }}
- name: SPRING_DATASOURCE_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ .Values.database.existingSecret }}
      key: {{ .Values.database.usernameKey }}
{{- else }}
- name: SPRING_DATASOURCE_USERNAME
  value: {{ .Values.database.username | quote }}
{{- end }}
- name: SPRING_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.database.existingSecret }}
      key: {{ .Values.database.passwordKey }}
{{- end }}

{{/*
Credentials of the read replica (readDatabase): its own Secret when given, else the primary's (a
physical replica has the primary's users). Rendered only for the server, never for the
migration Job, which writes.
*/}}
{{- define "waxseal.readDbEnv" -}}
{{- if .Values.readDatabase.url }}
{{- $own := .Values.readDatabase.existingSecret }}
{{- $db := ternary .Values.readDatabase .Values.database (ne $own "") }}
{{- $secret := $own | default .Values.database.existingSecret }}
{{- if $db.usernameKey }}
- name: WAXSEAL_READ_DATASOURCE_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $db.usernameKey }}
{{- else }}
- name: WAXSEAL_READ_DATASOURCE_USERNAME
  value: {{ $db.username | quote }}
{{- end }}
- name: WAXSEAL_READ_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $db.passwordKey }}
{{- end }}
{{- end }}

{{/*
The paths the CDN backend serves (ingress.gke.cdn): the configured ones, else the tile API's.
*/}}
{{- define "waxseal.cdnPaths" -}}
{{- $paths := .Values.ingress.gke.cdn.paths }}
{{- if not $paths }}
{{- if .Values.tiles.prefix }}
{{- $paths = list .Values.tiles.prefix }}
{{- else }}
{{- $paths = list "/checkpoint" "/tile" "/vkey" }}
{{- end }}
{{- end }}
{{- toJson $paths }}
{{- end }}

{{- define "waxseal.signerKeyFile" -}}
/etc/waxseal/signer/{{ .Values.signer.file.key }}
{{- end }}

{{- define "waxseal.tilesKeyFile" -}}
/etc/waxseal/tiles/{{ .Values.tiles.keyFile.key }}
{{- end }}

{{/* The server's keys: the log key (file or KMS) and the tiles key. The migration Job needs neither
(migrate-only mode builds no signer). */}}
{{- define "waxseal.signerEnv" -}}
{{- if eq .Values.signer.type "kms" }}
- name: WAXSEAL_SIGNER_KMS_KEY
  value: {{ .Values.signer.kms.keyUri | quote }}
{{- else }}
- name: WAXSEAL_SIGNER_KEY_FILE
  value: {{ include "waxseal.signerKeyFile" . | quote }}
{{- end }}
- name: WAXSEAL_TILES_KEY_FILE
  value: {{ include "waxseal.tilesKeyFile" . | quote }}
{{- range .Values.signer.shardKeys }}
{{- if .kmsKeyUri }}
- name: WAXSEAL_SIGNER_SHARDKEYS_{{ upper .id }}_KMSKEY
  value: {{ .kmsKeyUri | quote }}
{{- else }}
- name: WAXSEAL_SIGNER_SHARDKEYS_{{ upper .id }}_KEYFILE
  value: {{ printf "/etc/waxseal/shard-keys/%s/%s" .id .key | quote }}
{{- end }}
{{- end }}
- name: WAXSEAL_SHARD_MAX_SIZE
  value: {{ .Values.shards.maxSize | int64 | quote }}
{{- end }}

{{- define "waxseal.keyVolumeMounts" -}}
{{- if eq .Values.signer.type "file" }}
- name: signer-key
  mountPath: /etc/waxseal/signer
  readOnly: true
{{- end }}
- name: tiles-key
  mountPath: /etc/waxseal/tiles
  readOnly: true
{{- range .Values.signer.shardKeys }}
{{- if not .kmsKeyUri }}
- name: shard-key-{{ .id }}
  mountPath: /etc/waxseal/shard-keys/{{ .id }}
  readOnly: true
{{- end }}
{{- end }}
{{- end }}

{{- define "waxseal.keyVolumes" -}}
{{- if eq .Values.signer.type "file" }}
- name: signer-key
  secret:
    secretName: {{ .Values.signer.file.existingSecret }}
    defaultMode: 0400
    items:
      - key: {{ .Values.signer.file.key }}
        path: {{ .Values.signer.file.key }}
{{- end }}
- name: tiles-key
  secret:
    secretName: {{ .Values.tiles.keyFile.existingSecret }}
    defaultMode: 0400
    items:
      - key: {{ .Values.tiles.keyFile.key }}
        path: {{ .Values.tiles.keyFile.key }}
{{- range .Values.signer.shardKeys }}
{{- if not .kmsKeyUri }}
- name: shard-key-{{ .id }}
  secret:
    secretName: {{ .existingSecret }}
    defaultMode: 0400
    items:
      - key: {{ .key }}
        path: {{ .key }}
{{- end }}
{{- end }}
{{- end }}
