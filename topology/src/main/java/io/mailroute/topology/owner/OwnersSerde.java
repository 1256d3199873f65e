package io.mailroute.topology.owner;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of the owner index's values. The index is an in-memory global store rebuilt from
 * {@code mail.accounts} at every start, so this format never leaves the process; it still
 * carries a version byte.
 */
public final class OwnersSerde implements Serde<Owners> {
    private static final byte VERSION = 1;

    @Override
    public Serializer<Owners> serializer() {
        return (topic, owners) -> owners == null ? null : write(owners);
    }

    @Override
    public Deserializer<Owners> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    private static byte[] write(final Owners owners) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(owners.owners().size());
            for (final Owner owner : owners.owners()) {
                out.writeUTF(owner.accountId());
                out.writeUTF(owner.email());
                out.writeBoolean(owner.name() != null);
                if (owner.name() != null) {
                    out.writeUTF(owner.name());
                }
            }
        } catch (IOException e) {
            throw new SerializationException("Cannot write owners " + owners, e);
        }
        return bytes.toByteArray();
    }

    private static Owners read(final byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            final byte version = in.readByte();
            if (version != VERSION) {
                throw new SerializationException("Unknown owner index format " + version);
            }
            final int count = in.readInt();
            final List<Owner> owners = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                final String accountId = in.readUTF();
                final String email = in.readUTF();
                owners.add(new Owner(accountId, email, in.readBoolean() ? in.readUTF() : null));
            }
            return new Owners(owners);
        } catch (IOException e) {
            throw new SerializationException("Cannot read owners", e);
        }
    }
}
