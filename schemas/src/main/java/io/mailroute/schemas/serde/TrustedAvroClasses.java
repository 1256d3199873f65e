package io.mailroute.schemas.serde;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Lets Avro load mailroute's generated classes by schema name. Avro 1.12 refuses to instantiate
 * classes it does not trust; the trust added here covers exactly the {@code io.mailroute.avro}
 * package and keeps whatever the application trusted before.
 */
final class TrustedAvroClasses {
    private static final String GENERATED_PACKAGE = "io.mailroute.avro.";
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private TrustedAvroClasses() {}

    static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            final ClassSecurityPredicate ours = type -> type.getName().startsWith(GENERATED_PACKAGE);
            ClassSecurityValidator.setGlobal(
                    ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), ours));
        }
    }
}
