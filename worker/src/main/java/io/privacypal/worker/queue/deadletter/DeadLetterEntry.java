package io.privacypal.worker.queue.deadletter;

import java.time.Instant;

/**
 * One message in the dead-letter queue, as {@code privacypal dlq list} shows it.
 *
 * @param jobId the job it belongs to, null when the body does not name one and no worker recorded
 *     it
 * @param video the video it asks for, null when the body has none
 * @param reason why it is there; "exceeded the queue's maxReceiveCount" when SQS moved it itself
 * @param receiveCount how often it was received from the job queue
 * @param firstEnqueuedAt when it was first sent to the job queue
 */
public record DeadLetterEntry(
    String messageId,
    String jobId,
    String video,
    String reason,
    int receiveCount,
    Instant firstEnqueuedAt,
    String body) {}
