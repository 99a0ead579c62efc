{{/* Labels on every object. */}}
{{- define "image-service.labels" -}}
app.kubernetes.io/part-of: image-service
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Values.image.tag | quote }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
image-service/environment: {{ .Values.environment }}
{{- end }}

{{/* Pod selector of one component (api-gateway or thumbnail-worker). */}}
{{- define "image-service.selector" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}

{{/* Container image of one component. */}}
{{- define "image-service.image" -}}
{{- $digest := index (.root.Values.image.digests | default dict) .repository | default "" -}}
{{- if $digest -}}
{{ printf "%s/%s@%s" .root.Values.image.registry .repository $digest }}
{{- else -}}
{{ printf "%s/%s:%s" .root.Values.image.registry .repository .root.Values.image.tag }}
{{- end }}
{{- end }}

{{/* Pod-level security: non-root (the images' user 65532), RuntimeDefault seccomp. */}}
{{- define "image-service.podSecurity" -}}
runAsNonRoot: true
runAsUser: 65532
runAsGroup: 65532
fsGroup: 65532
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* Container-level security: read-only root, no privilege escalation, no capabilities. */}}
{{- define "image-service.containerSecurity" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: ["ALL"]
{{- end }}

{{/*
The fluent-bit sidecar (a native sidecar: an init container that keeps running, so it starts
before and stops after the service): tails the service's JSON log file and ships it to OpenSearch,
signing with the pod's IRSA role.
*/}}
{{- define "image-service.fluentBit" -}}
- name: fluent-bit
  image: {{ .Values.logging.image }}
  imagePullPolicy: {{ .Values.image.pullPolicy }}
  restartPolicy: Always
  args: ["--config=/fluent-bit/etc/fluent-bit.yaml"]
  env:
    - name: AWS_REGION
      value: {{ .Values.aws.region | quote }}
  resources:
    {{- toYaml .Values.logging.resources | nindent 4 }}
  securityContext:
    {{- include "image-service.containerSecurity" . | nindent 4 }}
  volumeMounts:
    - name: logs
      mountPath: /var/log/image-service
      readOnly: true
    - name: fluent-bit-config
      mountPath: /fluent-bit/etc
      readOnly: true
    - name: fluent-bit-state
      mountPath: /var/fluent-bit/state
{{- end }}

{{/* The Flyway migration init container: migrates the schema before the service starts. */}}
{{- define "image-service.migrationInit" -}}
# Only the API's pods migrate, as the migration role (the schema's owner); then the runtime role
# script grants the services' role DML and nothing else.
- name: migration-init
  image: {{ .Values.migration.image }}
  imagePullPolicy: {{ .Values.image.pullPolicy }}
  args: ["migrate"]
  env:
    {{- include "image-service.flywayEnv" (dict "root" . "user" "db-migration-username" "password" "db-migration-password") | nindent 4 }}
    - name: FLYWAY_LOCATIONS
      value: filesystem:/flyway/migrations,filesystem:/flyway/roles
    - name: FLYWAY_PLACEHOLDERS_RUNTIMEUSER
      valueFrom:
        secretKeyRef:
          name: image-service-secrets
          key: db-username
    - name: FLYWAY_PLACEHOLDERS_RUNTIMEPASSWORD
      valueFrom:
        secretKeyRef:
          name: image-service-secrets
          key: db-password
  resources:
    {{- toYaml .Values.migration.resources | nindent 4 }}
  securityContext:
    {{- include "image-service.containerSecurity" . | nindent 4 }}
  volumeMounts:
    - name: migrations
      mountPath: /flyway/migrations
      readOnly: true
    - name: migration-roles
      mountPath: /flyway/roles
      readOnly: true
    - name: tmp
      mountPath: /tmp
{{- end }}

{{/*
The workers' init container: waits, as the runtime role, until every migration is applied (flyway
validate passes), never migrates; so a scale-out of 30 workers does not queue on Flyway's lock.
*/}}
{{- define "image-service.schemaWait" -}}
- name: migration-init
  image: {{ .Values.migration.image }}
  imagePullPolicy: {{ .Values.image.pullPolicy }}
  command: ["/bin/sh", "-c"]
  args:
    - until flyway validate; do echo "waiting for the API's migration"; sleep 5; done
  env:
    {{- include "image-service.flywayEnv" (dict "root" . "user" "db-username" "password" "db-password") | nindent 4 }}
    - name: FLYWAY_LOCATIONS
      value: filesystem:/flyway/migrations
    # The runtime role script is the API's; its absence here is not a pending migration.
    - name: FLYWAY_IGNORE_MIGRATION_PATTERNS
      value: "repeatable:missing"
  resources:
    {{- toYaml .Values.migration.resources | nindent 4 }}
  securityContext:
    {{- include "image-service.containerSecurity" . | nindent 4 }}
  volumeMounts:
    - name: migrations
      mountPath: /flyway/migrations
      readOnly: true
    - name: tmp
      mountPath: /tmp
{{- end }}

{{/* Flyway's connection: URL from the values, the user and password keys given. */}}
{{- define "image-service.flywayEnv" -}}
{{- $v := .root.Values -}}
- name: FLYWAY_URL
  value: {{ printf "jdbc:postgresql://%s:%v/%s" $v.database.host $v.database.port $v.database.name | quote }}
- name: FLYWAY_USER
  valueFrom:
    secretKeyRef:
      name: image-service-secrets
      key: {{ .user }}
- name: FLYWAY_PASSWORD
  valueFrom:
    secretKeyRef:
      name: image-service-secrets
      key: {{ .password }}
- name: FLYWAY_CONNECT_RETRIES
  value: "10"
{{- end }}

{{/* Volumes every pod has: config, spool cache, logs, migrations, fluent-bit. */}}
{{- define "image-service.volumes" -}}
- name: config
  configMap:
    name: image-service-config
- name: image-cache
  persistentVolumeClaim:
    claimName: image-cache-pvc
- name: logs
  emptyDir:
    sizeLimit: 256Mi
- name: tmp
  emptyDir:
    sizeLimit: 256Mi
- name: migrations
  configMap:
    name: image-service-migrations
- name: fluent-bit-config
  configMap:
    name: image-service-fluent-bit
- name: fluent-bit-state
  emptyDir:
    sizeLimit: 16Mi
{{- end }}

{{/* Environment every service container has: config location, credentials, JVM sizing. */}}
{{- define "image-service.env" -}}
- name: SPRING_CONFIG_ADDITIONAL_LOCATION
  value: optional:file:/config/
- name: SPRING_DATASOURCE_USERNAME
  valueFrom:
    secretKeyRef:
      name: image-service-secrets
      key: db-username
- name: SPRING_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: image-service-secrets
      key: db-password
- name: JAVA_TOOL_OPTIONS
  value: "-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError"
# The migration-init containers own the schema; the services (runtime role, no DDL) never migrate.
- name: SPRING_FLYWAY_ENABLED
  value: "false"
{{- end }}

{{/*
Liveness, readiness and startup probes: the actuator's health groups, served on the main port at
/livez and /readyz (management.endpoint.health.probes.add-additional-paths) while the rest of the
actuator stays on the management port.
*/}}
{{- define "image-service.probes" -}}
startupProbe:
  httpGet:
    path: /livez
    port: http
  periodSeconds: 5
  failureThreshold: 36
livenessProbe:
  httpGet:
    path: /livez
    port: http
  periodSeconds: 10
  failureThreshold: 3
readinessProbe:
  httpGet:
    path: /readyz
    port: http
  periodSeconds: 5
  failureThreshold: 3
{{- end }}

{{/*
The operator's properties (values config.shared merged under config.api or config.worker) as a
second YAML document of a service's configuration file, indented for the ConfigMap's block scalar;
nothing when both maps are empty.
*/}}
{{- define "image-service.config" -}}
{{- $merged := merge (deepCopy (.own | default dict)) (deepCopy (.shared | default dict)) }}
{{- if $merged }}
    ---
    # From the chart's values (config.shared, config.api / config.worker).
    {{- toYaml $merged | nindent 4 }}
{{- end }}
{{- end }}
