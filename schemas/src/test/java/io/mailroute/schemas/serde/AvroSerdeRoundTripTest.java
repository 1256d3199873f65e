package io.mailroute.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailroute.avro.ClassifiedMail;
import io.mailroute.avro.RawMail;
import io.mailroute.schemas.SampleRecords;
import io.mailroute.schemas.registry.LocalSchemaRegistry;
import io.mailroute.schemas.registry.SchemaRegistryClients;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroSerdeRoundTripTest {
    private static final String SCOPE = AvroSerdeRoundTripTest.class.getSimpleName();
    private static final Map<String, Object> CONFIG = Map.of("schema.registry.url", "mock://" + SCOPE);

    @AfterEach
    void dropScope() {
        SchemaRegistryClients.dropScope(SCOPE);
    }

    static Stream<SpecificRecord> records() {
        return SampleRecords.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void shouldRoundTripEveryRecordTypeAsSpecificRecord(final SpecificRecord record) {
        // given
        final AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>();
        serializer.configure(CONFIG, false);
        @SuppressWarnings("unchecked")
        final Class<SpecificRecord> type = (Class<SpecificRecord>) record.getClass();
        final AvroDeserializer<SpecificRecord> deserializer =
                new AvroDeserializer<>(SchemaRegistryClients.scope(SCOPE), type);

        // when
        final byte[] bytes = serializer.serialize("topic", record);
        final SpecificRecord back = deserializer.deserialize("topic", bytes);

        // then
        assertThat(back).isEqualTo(record);
        assertThat(bytes[0]).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void shouldWriteTheBytesAvrosSchemaDrivenWriterWrites(final SpecificRecord record) throws IOException {
        // given
        final AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>();
        serializer.configure(CONFIG, false);
        final ByteArrayOutputStream expected = new ByteArrayOutputStream();
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(expected, null);
        new SpecificDatumWriter<SpecificRecord>(record.getSchema(), SpecificData.getForClass(record.getClass()))
                .write(record, encoder);
        encoder.flush();

        // when
        final byte[] bytes = serializer.serialize("topic", record);

        // then
        assertThat(Arrays.copyOfRange(bytes, WireFormat.HEADER_SIZE, bytes.length))
                .isEqualTo(expected.toByteArray());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void shouldReadEveryRecordTypeGenericallyAndBySchemaName(final SpecificRecord record) {
        // given
        final AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>();
        serializer.configure(CONFIG, false);
        final AvroDeserializer<GenericRecord> generic = new AvroDeserializer<>();
        generic.configure(CONFIG, false);
        final AvroDeserializer<SpecificRecord> bySchemaName = new AvroDeserializer<>();
        bySchemaName.configure(Map.of("schema.registry.url", "mock://" + SCOPE, "specific.avro.reader", true), false);
        final byte[] bytes = serializer.serialize("topic", record);

        // when
        final GenericRecord asGeneric = generic.deserialize("topic", bytes);
        final SpecificRecord asSpecific = bySchemaName.deserialize("topic", bytes);

        // then
        assertThat(asGeneric.getSchema()).isEqualTo(record.getSchema());
        assertThat(GenericData.get().toString(asGeneric))
                .contains(record.getSchema().getFields().get(0).name());
        assertThat(asSpecific).isEqualTo(record);
    }

    @Test
    void shouldReadDataWrittenWithAnOlderSchemaVersionUsingTheDefaults() {
        // given: RawMail as it was before `attempt` and `resubmittedFrom` existed
        final Schema current = RawMail.getClassSchema();
        final List<Schema.Field> oldFields = current.getFields().stream()
                .filter(f -> !f.name().equals("attempt") && !f.name().equals("resubmittedFrom"))
                .map(f -> new Schema.Field(f, f.schema()))
                .toList();
        final Schema old =
                Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, oldFields);
        final GenericRecord written = new GenericData.Record(old);
        final RawMail sample = SampleRecords.rawMail();
        oldFields.forEach(f ->
                written.put(f.name(), GenericData.get().deepCopy(f.schema(), genericValue(sample, f.name()))));
        final LocalSchemaRegistry registry = SchemaRegistryClients.scope(SCOPE);
        final AvroSerializer<GenericRecord> serializer = new AvroSerializer<>(registry);
        serializer.configure(CONFIG, false);
        final byte[] bytes = serializer.serialize("mail.raw", written);

        // when
        final RawMail read = new AvroDeserializer<>(registry, RawMail.class).deserialize("mail.raw", bytes);

        // then
        assertThat(read.getAttempt()).isZero(); // default
        assertThat(read.getResubmittedFrom()).isNull(); // default
        assertThat(read.getMailId()).isEqualTo(sample.getMailId());
        assertThat(StandardCharsets.US_ASCII.decode(read.getContent()).toString())
                .isEqualTo("Subject: x\n");
    }

    private static Object genericValue(final RawMail sample, final String field) {
        final Object value = sample.get(field);
        if (value instanceof java.time.Instant instant) {
            return instant.toEpochMilli();
        }
        if (value instanceof Enum<?> symbol) {
            return new GenericData.EnumSymbol(
                    RawMail.getClassSchema().getField(field).schema(), symbol.name());
        }
        if (value instanceof ByteBuffer buffer) {
            return buffer.duplicate();
        }
        return value;
    }

    @Test
    void shouldWriteEveryRecordWholeWhileOneSerializerWritesRecordAfterRecord() {
        // given: one serializer reuses its buffer; a record it fails on midway and a large one come between
        final AvroSerializer<GenericRecord> reused = new AvroSerializer<>();
        reused.configure(CONFIG, false);
        final RawMail sample = SampleRecords.rawMail();
        final GenericRecord broken = new GenericData.Record(RawMail.getClassSchema());
        broken.put("mailId", "m-broken");
        final RawMail large = RawMail.newBuilder(sample)
                .setContent(ByteBuffer.wrap(new byte[3 << 20]))
                .build();
        final List<GenericRecord> written = List.of(sample, large, sample, large, sample);

        // when / then
        for (final GenericRecord record : written) {
            assertThatThrownBy(() -> reused.serialize("topic", broken)).isInstanceOf(SerializationException.class);
            final AvroSerializer<GenericRecord> fresh = new AvroSerializer<>();
            fresh.configure(CONFIG, false);
            assertThat(reused.serialize("topic", record)).isEqualTo(fresh.serialize("topic", record));
        }
    }

    @Test
    void shouldRegisterTheSchemaUnderTheSubjectOfEachTopic() {
        // given
        final AvroSerializer<RawMail> serializer = new AvroSerializer<>();
        serializer.configure(CONFIG, false);
        final RawMail mail = SampleRecords.rawMail();

        // when
        serializer.serialize("mail.raw", mail);
        serializer.serialize("mail.overflow", mail);
        serializer.serialize("mail.raw", mail);

        // then
        assertThat(SchemaRegistryClients.scope(SCOPE).subjects())
                .containsExactlyInAnyOrder("mail.raw-value", "mail.overflow-value");
    }

    @Test
    void shouldPassTombstonesThrough() {
        final AvroSerializer<ClassifiedMail> serializer = new AvroSerializer<>();
        serializer.configure(CONFIG, false);
        final AvroDeserializer<ClassifiedMail> deserializer =
                new AvroDeserializer<>(SchemaRegistryClients.scope(SCOPE), ClassifiedMail.class);

        assertThat(serializer.serialize("t", null)).isNull();
        assertThat(deserializer.deserialize("t", null)).isNull();
    }
}
