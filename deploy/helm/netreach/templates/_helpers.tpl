{{/* Labels every object carries (the selector label is the one deploy/ uses). */}}
{{- define "netreach.labels" -}}
app.kubernetes.io/name: netreach
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}
