#!/usr/bin/env bash
# The deployment's health check through the public path a client uses: CloudFront -> ALB (origin
# header) -> API -> SNS/SQS -> worker -> S3 -> CloudFront signed thumbnail link. It uploads a real
# JPEG and waits until the job is SUCCEEDED, then fetches the thumbnail. Exit 0 only then.
#
# usage: public-health-check.sh <public base URL, https://images.example.org> <api key>
set -euo pipefail

api="${1:?public base URL}"
key="${2:?API key}"
image="$(dirname "$0")/../../testdata/corpus/S02_orientation_1.jpg"
deadline=$((SECONDS + ${HEALTH_CHECK_SECONDS:-180}))

curl -fsS --retry 10 --retry-all-errors --retry-delay 5 -o /dev/null "${api}/readyz"

job="$(curl -fsS -H "Authorization: Bearer ${key}" -H 'Content-Type: image/jpeg' \
  -H "Idempotency-Key: health-check-${GITHUB_RUN_ID:-local}-${GITHUB_RUN_ATTEMPT:-0}" \
  --data-binary "@${image}" "${api}/v1/images" | sed -E 's/.*"jobId":"([^"]+)".*/\1/')"
echo "job ${job}"

status=QUEUED
while [ "${SECONDS}" -lt "${deadline}" ]; do
  body="$(curl -fsS -H "Authorization: Bearer ${key}" "${api}/v1/jobs/${job}")"
  status="$(printf '%s' "${body}" | sed -E 's/.*"status":"([A-Z]+)".*/\1/')"
  case "${status}" in
    SUCCEEDED) break ;;
    FAILED) echo "job failed: ${body}" >&2; exit 1 ;;
    *) sleep 3 ;;
  esac
done
if [ "${status}" != SUCCEEDED ]; then
  echo "job ${job} still ${status} after the deadline" >&2
  exit 1
fi

# The first thumbnail's signed link (CloudFront), fetched like a browser would.
url="$(printf '%s' "${body}" | sed -E 's/.*"url":"([^"]+)".*/\1/')"
curl -fsS -o /dev/null -w 'thumbnail %{http_code} %{content_type}\n' "${url}"
