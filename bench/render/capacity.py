#!/usr/bin/env python3
"""The capacity table of docs/operations.md ("Capacity") from cpu-per-job.sh's output.

    bench/render/cpu-per-job.sh 3 > cpu.txt && bench/render/capacity.py cpu.txt

Every input is a named constant below, with its source; change one and rerun.
"""
import math
import re
import sys

# Measured: worker CPU per job beyond the render (AWS SDK calls, two transactions, lease, GC),
# docs/performance.md "Goal 3" (102.7 ms worker CPU per job against a 68 ms render, 2026-11-26).
WORKER_OVERHEAD_MS = 34.0
# Measured upper bound: API + embedded S3/SQS/SNS/PostgreSQL CPU per upload, same run (74.6 ms).
API_MS_PER_UPLOAD = 74.6
# Planning choices.
TARGET_UTILISATION = 0.7          # of the requested vCPUs, headroom for bursts, JIT and GC
PEAK_FACTOR = 3.0                 # peak hour rate / daily average
WORKER_POD_VCPU = 1.0             # worker.resources.requests.cpu
API_POD_VCPU = 0.5                # api.resources.requests.cpu
MIX = {"jpeg": 0.80, "png": 0.15, "webp": 0.05}   # share of uploads by input format (assumed)
# Prices, us-east-1, On-Demand list prices (see the table in docs/operations.md for dates).
VCPU_HOUR = 0.08925 / 2           # c7i.large: 2 vCPU, 4 GiB, $0.08925/h
S3_PUT = 0.005 / 1000
S3_GET = 0.0004 / 1000
S3_GB_MONTH = 0.023
SQS_REQUEST = 0.40 / 1e6
SNS_REQUEST = 0.50 / 1e6
# Per job: S3 1 PUT (original, API) + 3 PUT (thumbnails) + 1 GET (worker); SQS 1 delivery from
# SNS + 1 receive + 1 visibility change + 1 delete; SNS 2 publishes (uploaded, generated).
S3_PUTS, S3_GETS, SQS_REQUESTS, SNS_PUBLISHES = 4, 1, 4, 2
ORIGINAL_MB = 1.34                # mean of the shared corpus's 17 M* JPEGs (2-12 MP)
THUMBNAILS_MB = 0.11              # small + medium + square of those JPEGs: 111 KB mean (cpu-per-job.sh)
THUMBNAILS_PER_JOB = 3
# AWS's Dynamic Image Transformation for CloudFront (Serverless Image Handler), Lambda
# architecture: its implementation guide's cost table for 10 M images served at 90 % cache hit
# (1 M transformations): Lambda $10.93, API Gateway $11.00, CloudWatch $11.15 (S3 and CloudFront
# are for serving and left out here, as they are for us).
SIH_PER_TRANSFORMATION = (10.93 + 11.00 + 11.15) / 1e6


def read(path):
    rows = {}
    for line in open(path):
        m = re.match(r"(\w+)\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)$", line.strip())
        if m:
            rows[m.group(1)] = dict(files=int(m.group(2)), mp=float(m.group(3)),
                                    all=float(m.group(4)), small=float(m.group(5)))
    return rows


def main(path):
    rows = read(path)
    print("| input | files | mean MP | render CPU ms, 3 presets | render CPU ms, small only "
          "| worker CPU ms/job (3 presets) | jobs/s per vCPU at 70 % |")
    print("|---|---|---|---|---|---|---|")
    for fmt, r in rows.items():
        job = r["all"] + WORKER_OVERHEAD_MS
        print(f"| {fmt} | {r['files']} | {r['mp']:.1f} | {r['all']:.0f} | {r['small']:.0f} "
              f"| {job:.0f} | {1000 / job * TARGET_UTILISATION:.1f} |")
    mix = {f: s for f, s in MIX.items() if f in rows}
    total = sum(mix.values())
    job_ms = sum(s / total * (rows[f]["all"] + WORKER_OVERHEAD_MS) for f, s in mix.items())
    per_vcpu = 1000 / job_ms * TARGET_UTILISATION
    print(f"\nmix {mix}: {job_ms:.0f} worker CPU ms per job -> {per_vcpu:.1f} jobs/s per vCPU")
    print("\n| uploads/day | mean jobs/s | peak jobs/s (x3) | worker vCPU at peak | worker pods "
          "(1 vCPU) | API pods (0.5 vCPU) | KEDA maxReplicaCount |")
    print("|---|---|---|---|---|---|---|")
    for per_day in (1e6, 1e8):
        mean = per_day / 86400
        peak = mean * PEAK_FACTOR
        vcpu = peak / per_vcpu
        pods = math.ceil(vcpu / WORKER_POD_VCPU)
        api = max(2, math.ceil(peak * API_MS_PER_UPLOAD / 1000 / TARGET_UTILISATION / API_POD_VCPU))
        print(f"| {per_day:,.0f} | {mean:,.1f} | {peak:,.1f} | {vcpu:,.1f} | {pods:,} | {api:,} "
              f"| {math.ceil(pods * 1.5):,} |")
    compute = (job_ms + API_MS_PER_UPLOAD) / 1000 / TARGET_UTILISATION / 3600 * VCPU_HOUR
    s3 = S3_PUTS * S3_PUT + S3_GETS * S3_GET
    sqs = SQS_REQUESTS * SQS_REQUEST
    sns = SNS_PUBLISHES * SNS_REQUEST
    storage = (ORIGINAL_MB + THUMBNAILS_MB) / 1024 * S3_GB_MONTH
    per_k = 1000 / THUMBNAILS_PER_JOB
    print("\n| per 1,000 thumbnails (333 jobs) | image-service | Serverless Image Handler |")
    print("|---|---|---|")
    print(f"| compute (EC2 for workers + API / Lambda) | ${compute * per_k:.4f} | |")
    print(f"| S3 requests | ${s3 * per_k:.4f} | |")
    print(f"| SQS requests | ${sqs * per_k:.4f} | – |")
    print(f"| SNS publishes | ${sns * per_k:.4f} | – |")
    ours = (compute + s3 + sqs + sns) * per_k
    print(f"| **processing total** | **${ours:.4f}** | **${SIH_PER_TRANSFORMATION * 1000:.4f}** |")
    print(f"| S3 storage, per month kept (originals + thumbnails) | ${storage * per_k:.4f} | "
          f"${ORIGINAL_MB / 1024 * S3_GB_MONTH * per_k:.4f} (originals only) |")


if __name__ == "__main__":
    main(sys.argv[1])
