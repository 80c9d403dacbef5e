{{/* The three services: values key -> name and port (api.md). */}}
{{- define "prazo.components" -}}
ticketCommand: {name: ticket-command, port: 8081}
ticketQuery: {name: ticket-query, port: 8082}
slaProjector: {name: sla-projector, port: 8083}
{{- end }}

{{- define "prazo.fullname" -}}
{{- printf "%s-%s" .root.Release.Name .name | trunc 63 | trimSuffix "-" -}}
{{- end }}

{{- define "prazo.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}

{{- define "prazo.labels" -}}
{{ include "prazo.selectorLabels" . }}
app.kubernetes.io/part-of: prazo
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end }}

{{- define "prazo.catalogName" -}}
{{- printf "%s-prazo-catalog" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end }}
