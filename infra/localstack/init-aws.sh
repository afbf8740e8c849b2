#!/usr/bin/env bash
# LocalStack ready hook (mounted into /etc/localstack/init/ready.d/): the same queues and bucket as
# infra/aws/privacypal.yaml, for docker-compose.yml. Idempotent: create-queue and create-bucket
# return the existing resource when it is already there.
set -euo pipefail

region="${AWS_DEFAULT_REGION:-ca-central-1}"
bucket="${PRIVACYPAL_S3_BUCKET:-privacypal-videos}"
max_receive_count="${PRIVACYPAL_MAX_RECEIVE_COUNT:-3}"

awslocal --region "$region" sqs create-queue --queue-name privacypal-jobs-dlq \
  --attributes MessageRetentionPeriod=1209600 >/dev/null
dlq_url="$(awslocal --region "$region" sqs get-queue-url --queue-name privacypal-jobs-dlq --query QueueUrl --output text)"
dlq_arn="$(awslocal --region "$region" sqs get-queue-attributes --queue-url "$dlq_url" \
  --attribute-names QueueArn --query Attributes.QueueArn --output text)"

# RedrivePolicy is a JSON string inside the attributes JSON, hence the escaped quotes.
awslocal --region "$region" sqs create-queue --queue-name privacypal-jobs --attributes "{
  \"VisibilityTimeout\": \"90\",
  \"MessageRetentionPeriod\": \"345600\",
  \"RedrivePolicy\": \"{\\\"deadLetterTargetArn\\\":\\\"$dlq_arn\\\",\\\"maxReceiveCount\\\":\\\"$max_receive_count\\\"}\"
}" >/dev/null

awslocal --region "$region" s3api create-bucket --bucket "$bucket" \
  --create-bucket-configuration LocationConstraint="$region" >/dev/null

echo "privacypal: queue privacypal-jobs (dead letters to $dlq_arn after $max_receive_count receives), bucket $bucket"
