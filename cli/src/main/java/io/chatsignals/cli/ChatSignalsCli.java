package io.chatsignals.cli;

import io.chatsignals.serde.RegistryUnavailableException;
import java.io.InputStream;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code chat-signals}: the operator's tool. Subcommands: {@code publish} (webhook JSON to the inbound topics),
 * {@code status tail} (statuses as JSON lines), {@code dlq replay} (dead-lettered records back to their source topic),
 * {@code register-schemas} (the contract's schemas under their subjects, compatibility checked first), {@code policy}
 * (the business policies: set, get, list, unset).
 * Exit codes: 0 done, 1 a record or schema was refused (or another Kafka/registry error), 2 bad arguments or settings,
 * 3 the cluster or registry could not be reached.
 */
@Command(
        name = "chat-signals",
        mixinStandardHelpOptions = true,
        versionProvider = ChatSignalsCli.Version.class,
        description =
                "Operate a chat-signals pipeline: publish webhooks, tail statuses, replay DLQs, register schemas, set"
                        + " policies.",
        subcommands = {
            PublishCommand.class,
            ChatSignalsCli.Status.class,
            ChatSignalsCli.Dlq.class,
            RegisterSchemasCommand.class,
            PolicyCommand.class,
            CommandLine.HelpCommand.class
        })
public final class ChatSignalsCli implements Runnable {
    /** Exit code when the cluster or the registry cannot be reached. */
    public static final int UNREACHABLE = 3;

    private final InputStream stdin;

    /** @param stdin what {@code publish} reads for {@code -} or when no file is given */
    public ChatSignalsCli(InputStream stdin) {
        this.stdin = stdin;
    }

    InputStream stdin() {
        return stdin;
    }

    /** Entry point of the jar and the image. */
    public static void main(String[] args) {
        System.exit(commandLine(System.in).execute(args));
    }

    /** @return the command line with every subcommand, reading {@code stdin} for {@code publish -} */
    public static CommandLine commandLine(InputStream stdin) {
        return new CommandLine(new ChatSignalsCli(stdin))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(ChatSignalsCli::failed);
    }

    /**
     * One line on stderr instead of a stack trace: a bad setting is exit 2, an unreachable cluster or registry 3, any
     * other Kafka or registry error 1; anything else is a bug and propagates.
     */
    private static int failed(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
        int code;
        if (e instanceof IllegalArgumentException) {
            code = 2;
        } else if (e instanceof RegistryUnavailableException || e instanceof TimeoutException) {
            code = UNREACHABLE;
        } else if (e instanceof KafkaException) {
            code = 1;
        } else {
            throw e;
        }
        cmd.getErr().println(cmd.getCommandName() + ": " + e.getMessage());
        return code;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a subcommand is required (see --help)");
    }

    /** {@code status}: the status topic. */
    @Command(
            name = "status",
            description = "Read chat.command-status.v1.",
            subcommands = StatusTailCommand.class,
            mixinStandardHelpOptions = true)
    static final class Status {}

    /** {@code dlq}: the dead-letter queues. */
    @Command(
            name = "dlq",
            description = "Work with the dead-letter queues.",
            subcommands = DlqReplayCommand.class,
            mixinStandardHelpOptions = true)
    static final class Dlq {}

    /** The version of the jar (its manifest), or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ChatSignalsCli.class.getPackage().getImplementationVersion();
            return new String[] {"chat-signals " + (v == null ? "development" : v)};
        }
    }
}
