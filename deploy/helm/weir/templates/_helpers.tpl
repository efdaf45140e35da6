{{/* Chart name, truncated to the 63 characters of a DNS label. */}}
{{- define "weir.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Full name: release-chart, or fullnameOverride. */}}
{{- define "weir.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Labels of every object. */}}
{{- define "weir.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "weir.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: weir
{{- end -}}

{{/* Selector labels of one role: (dict "root" $ "role" "run"). */}}
{{- define "weir.selectorLabels" -}}
app.kubernetes.io/name: {{ include "weir.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .role }}
{{- end -}}

{{- define "weir.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* The Secret holding credentials ("" if none). */}}
{{- define "weir.secretName" -}}
{{- if .Values.secrets.existingSecret -}}
{{- .Values.secrets.existingSecret -}}
{{- else if .Values.secrets.data -}}
{{- include "weir.fullname" . -}}
{{- end -}}
{{- end -}}

{{/* Environment of every role: config file, credential files, GOMEMLIMIT. */}}
{{- define "weir.env" -}}
- name: WEIR_CONFIG
  value: /etc/weir/weir.yaml
- name: GOMEMLIMIT
  valueFrom:
    resourceFieldRef:
      resource: limits.memory
{{- $files := .Values.secrets.files }}
{{- if $files.kafkaSaslPassword }}
- name: WEIR_KAFKA_SASL_PASSWORD_FILE
  value: /etc/weir/secrets/{{ $files.kafkaSaslPassword }}
{{- end }}
{{- if $files.fingerprintKey }}
- name: WEIR_FINGERPRINT_KEY_FILE
  value: /etc/weir/secrets/{{ $files.fingerprintKey }}
{{- end }}
{{- if $files.tokenKeys }}
- name: WEIR_TOKEN_KEYS_FILE
  value: /etc/weir/secrets/{{ $files.tokenKeys }}
{{- end }}
{{- with .Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* WEIR_KAFKA_* from config.kafka, for roles that do not read the config file (tail). */}}
{{- define "weir.kafkaEnv" -}}
{{- $k := .Values.config.kafka | default dict }}
{{- range $key, $env := dict "tls" "WEIR_KAFKA_TLS" "tls_ca_file" "WEIR_KAFKA_TLS_CA_FILE" "tls_cert_file" "WEIR_KAFKA_TLS_CERT_FILE" "tls_key_file" "WEIR_KAFKA_TLS_KEY_FILE" "tls_server_name" "WEIR_KAFKA_TLS_SERVER_NAME" "sasl_mechanism" "WEIR_KAFKA_SASL_MECHANISM" "sasl_username" "WEIR_KAFKA_SASL_USERNAME" }}
{{- if hasKey $k $key }}
- name: {{ $env }}
  value: {{ index $k $key | toString | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Volumes of every role. */}}
{{- define "weir.volumes" -}}
- name: config
  configMap:
    name: {{ include "weir.fullname" . }}
{{- with include "weir.secretName" . }}
- name: secrets
  secret:
    secretName: {{ . }}
    defaultMode: 0400
{{- end }}
{{- with .Values.extraVolumes }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "weir.volumeMounts" -}}
- name: config
  mountPath: /etc/weir/weir.yaml
  subPath: weir.yaml
  readOnly: true
{{- if include "weir.secretName" . }}
- name: secrets
  mountPath: /etc/weir/secrets
  readOnly: true
{{- end }}
{{- with .Values.extraVolumeMounts }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Pod spec fields shared by every role. */}}
{{- define "weir.podCommon" -}}
automountServiceAccountToken: false
enableServiceLinks: false
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Pod template metadata of a role: (dict "root" $ "role" "run"). */}}
{{- define "weir.podMetadata" -}}
labels:
  {{- include "weir.labels" .root | nindent 2 }}
  app.kubernetes.io/component: {{ .role }}
  {{- with .root.Values.podLabels }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
annotations:
  checksum/config: {{ include (print .root.Template.BasePath "/configmap.yaml") .root | sha256sum }}
  checksum/secret: {{ include (print .root.Template.BasePath "/secret.yaml") .root | sha256sum }}
  {{- with .root.Values.podAnnotations }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- end -}}
