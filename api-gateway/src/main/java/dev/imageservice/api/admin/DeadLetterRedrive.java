package dev.imageservice.api.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/**
 * Moves messages from the dead-letter queue back to the workers' queue, a batch at a time: receive,
 * send to the main queue (body and attributes unchanged), then delete from the DLQ only what was
 * sent. A crash in between leaves a message in both queues, which the idempotent workers tolerate;
 * nothing is ever deleted unsent. Thread-safe; concurrent redrives split the messages between them.
 */
@Service
class DeadLetterRedrive {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterRedrive.class);
  private static final int BATCH = 10;

  private final SqsClient sqs;
  private final AdminProperties properties;

  DeadLetterRedrive(SqsClient sqs, AdminProperties properties) {
    this.sqs = sqs;
    this.properties = properties;
  }

  /**
   * Redrives until the DLQ looks empty or the per-call limit is reached; returns how many moved.
   */
  int redrive() {
    String dlq = sqs.getQueueUrl(r -> r.queueName(properties.deadLetterQueue())).queueUrl();
    String main = sqs.getQueueUrl(r -> r.queueName(properties.queue())).queueUrl();
    int moved = 0;
    while (moved < properties.redriveMaxMessages()) {
      List<Message> batch =
          sqs.receiveMessage(
                  r ->
                      r.queueUrl(dlq)
                          .maxNumberOfMessages(BATCH)
                          .waitTimeSeconds(1)
                          .visibilityTimeout(60)
                          .messageAttributeNames("All"))
              .messages();
      if (batch.isEmpty()) {
        break;
      }
      moved += moveBatch(batch, main, dlq);
    }
    log.info("redrove {} message(s) from {} to {}", moved, dlq, main);
    return moved;
  }

  private int moveBatch(List<Message> batch, String main, String dlq) {
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      Message message = batch.get(i);
      entries.add(
          SendMessageBatchRequestEntry.builder()
              .id(Integer.toString(i))
              .messageBody(message.body())
              .messageAttributes(message.messageAttributes())
              .build());
    }
    SendMessageBatchResponse sent = sqs.sendMessageBatch(r -> r.queueUrl(main).entries(entries));
    for (BatchResultErrorEntry failed : sent.failed()) {
      // Left in the DLQ: it becomes visible there again after the visibility timeout.
      log.warn("redrive: message not sent back ({}): {}", failed.code(), failed.message());
    }
    Map<String, Message> byId =
        sent.successful().stream()
            .collect(
                Collectors.toMap(
                    SendMessageBatchResultEntry::id, s -> batch.get(Integer.parseInt(s.id()))));
    if (!byId.isEmpty()) {
      sqs.deleteMessageBatch(
          r ->
              r.queueUrl(dlq)
                  .entries(
                      byId.entrySet().stream()
                          .map(
                              e ->
                                  DeleteMessageBatchRequestEntry.builder()
                                      .id(e.getKey())
                                      .receiptHandle(e.getValue().receiptHandle())
                                      .build())
                          .toList()));
    }
    return byId.size();
  }
}
