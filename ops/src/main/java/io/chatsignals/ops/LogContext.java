package io.chatsignals.ops;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import org.slf4j.MDC;

/**
 * The command being handled, in the SLF4J MDC ({@code commandId}, {@code conversation}) for as long as this is open,
 * so every log line written meanwhile (JSON logs: the {@code mdc} object) names it. Restores what was there before,
 * so it nests. Confined to the thread that opened it, as the MDC is.
 */
public final class LogContext implements AutoCloseable {
    /** MDC key of the command id. */
    public static final String COMMAND_ID = "commandId";
    /** MDC key of the conversation ({@code <provider>:<account>:<customer>}). */
    public static final String CONVERSATION = "conversation";

    private final String previousCommand;
    private final String previousConversation;

    private LogContext(String commandId, String conversation) {
        previousCommand = MDC.get(COMMAND_ID);
        previousConversation = MDC.get(CONVERSATION);
        MDC.put(COMMAND_ID, commandId);
        MDC.put(CONVERSATION, conversation);
    }

    /** Opens the context of one command; close it when the handling step ends. */
    public static LogContext command(String commandId, String conversation) {
        return new LogContext(commandId, conversation);
    }

    /**
     * Opens the context of one command and of its span: {@code trace_id} and {@code span_id} name the trace of the
     * log lines written meanwhile (none with tracing off).
     */
    public static LogContext command(String commandId, String conversation, Span span) {
        LogContext context = new LogContext(commandId, conversation);
        context.trace = Tracing.logContext(span);
        return context;
    }

    private Scope trace;

    @Override
    public void close() {
        restore(COMMAND_ID, previousCommand);
        restore(CONVERSATION, previousConversation);
        if (trace != null) {
            trace.close();
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
