#!/bin/sh
# LocalStack ready hook: the same queues, redrive policy and bucket as infra/aws/privacypal.yaml.
set -eu
awslocal sqs create-queue --queue-name privacypal-jobs-dlq \
  --attributes MessageRetentionPeriod=1209600
DLQ_ARN=$(awslocal sqs get-queue-attributes \
  --queue-url http://localhost:4566/000000000000/privacypal-jobs-dlq \
  --attribute-names QueueArn --query Attributes.QueueArn --output text)
awslocal sqs create-queue --queue-name privacypal-jobs --attributes "{
  \"VisibilityTimeout\": \"90\",
  \"MessageRetentionPeriod\": \"345600\",
  \"RedrivePolicy\": \"{\\\"deadLetterTargetArn\\\":\\\"${DLQ_ARN}\\\",\\\"maxReceiveCount\\\":\\\"3\\\"}\"
}"
awslocal s3 mb s3://privacypal-videos
echo "privacypal: queues and bucket ready"
