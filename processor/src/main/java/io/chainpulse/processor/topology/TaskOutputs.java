package io.chainpulse.processor.topology;

import io.chainpulse.processor.persist.TipLedger.Source;
import io.chainpulse.processor.validate.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a task emits goes through here: output records to their sinks, refused raw records to the dead-letter
 * topic with a reason header and a WARN naming topic/partition/offset, and then a commit as soon as something was
 * published while the processor keeps up (read_committed readers see output only at commit). Confined to its
 * task's thread.
 */
final class TaskOutputs {
    private static final Logger log = LoggerFactory.getLogger(TaskOutputs.class);

    private final ProcessorContext<String, SpecificRecord> context;
    private final String rawTopic;
    private final FlushPolicy policy;
    private final ProcessorMetrics metrics;
    private boolean publishedSinceCommit;

    TaskOutputs(ProcessorContext<String, SpecificRecord> context, String rawTopic, FlushPolicy policy,
            ProcessorMetrics metrics) {
        this.context = context;
        this.rawTopic = rawTopic;
        this.policy = policy;
        this.metrics = metrics;
    }

    void emit(List<Output> outputs) {
        for (Output output : outputs) {
            switch (output) {
                case Output.Publish publish ->
                        forward(new Record<>(publish.key(), publish.value(), publish.timestamp()), publish.sink());
                case Output.DeadLetter letter -> deadLetter(
                        new Record<>(letter.rawKey(), letter.rawValue(), letter.timestamp()), letter.rejection());
            }
        }
    }

    void forward(Record<String, SpecificRecord> record, String sink) {
        context.forward(record, sink);
        publishedSinceCommit = true;
    }

    /** The raw record, whole, with where it was read (the record being processed, if any) and why it was refused. */
    void deadLetter(Record<String, byte[]> record, Rejection rejection) {
        metrics.deadLetter(rejection.reason());
        Optional<RecordMetadata> metadata = context.recordMetadata();
        String topic = metadata.map(RecordMetadata::topic).orElse(rawTopic);
        int partition = metadata.map(RecordMetadata::partition).orElse(-1);
        long offset = metadata.map(RecordMetadata::offset).orElse(-1L);
        log.warn("dead letter {} from {}-{}@{}: {}", rejection.reason(), topic, partition, offset, rejection.detail());
        RecordHeaders headers = new RecordHeaders();
        headers.add("reason", rejection.reason().name().getBytes(StandardCharsets.UTF_8));
        forward(new Record<>(record.key(),
                OutputRecords.deadLetter(rejection, topic, partition, offset, record.key(), record.value()),
                record.timestamp(), headers), PipelineTopology.DEAD_LETTERS_SINK);
    }

    /** Where the record being processed was read. */
    Source source() {
        RecordMetadata metadata = context.recordMetadata().orElseThrow();
        return new Source(metadata.partition(), metadata.offset());
    }

    /** While the processor keeps up, asks for a commit as soon as something was published. */
    void commitIfPublished() {
        if (publishedSinceCommit && policy.commitEagerly()) {
            context.commit();
        }
        publishedSinceCommit = false;
    }
}
