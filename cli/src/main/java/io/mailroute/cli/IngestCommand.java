package io.mailroute.cli;

import io.mailroute.cli.ingest.MailUploader;
import io.mailroute.runtime.client.ClientSettings;
import io.mailroute.runtime.client.LocalDefaults;
import io.mailroute.runtime.command.ClusterOptions;
import io.mailroute.runtime.command.CommandFailure;
import io.mailroute.runtime.command.ExitCodes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code mailroute ingest DIR|FILE...}: uploads mail to the bucket, with a progress bar. */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = "Upload .eml files (directories are searched recursively) to the mail bucket, as SES would.")
public final class IngestCommand implements Callable<Integer> {
    @Mixin
    ClusterOptions cluster;

    @Parameters(arity = "1..*", paramLabel = "DIR|FILE", description = "Mail files or directories of .eml files.")
    List<Path> paths;

    @Option(
            names = "--prefix",
            defaultValue = LocalDefaults.PREFIX,
            description = "Key prefix (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(
            names = "--keys",
            defaultValue = "random",
            description = "Object keys: random (SES-style message ids) or filename (default: ${DEFAULT-VALUE}).")
    MailUploader.KeyMode keyMode;

    @Option(
            names = {"-j", "--parallelism"},
            defaultValue = "8",
            description = "Parallel uploads (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        final ClientSettings settings = cluster.settings();
        final List<Path> files;
        try {
            files = MailUploader.collect(paths);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.USAGE, e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new CommandFailure(ExitCodes.USAGE, "no .eml files found in " + paths);
        }
        final long totalBytes =
                files.stream().mapToLong(f -> f.toFile().length()).sum();
        final long started = System.nanoTime();
        final List<MailUploader.Uploaded> uploaded;
        try (S3Client s3 = settings.s3();
                ProgressBar bar = Progress.bar("ingest", files.size(), " mails")) {
            uploaded = new MailUploader(s3, settings.s3Bucket(), prefix, keyMode)
                    .upload(files, parallelism, bytes -> bar.step());
        } catch (SdkException | IllegalStateException e) {
            throw new CommandFailure(
                    ExitCodes.UNREACHABLE, "upload to s3://" + settings.s3Bucket() + " failed: " + e.getMessage(), e);
        }
        final Duration took = Duration.ofNanos(System.nanoTime() - started);
        spec.commandLine()
                .getOut()
                .printf(
                        "uploaded %d mails (%.1f MB) to s3://%s/%s in %.1f s%n",
                        uploaded.size(),
                        totalBytes / 1_048_576.0,
                        settings.s3Bucket(),
                        prefix,
                        took.toMillis() / 1000.0);
        return ExitCodes.OK;
    }
}
