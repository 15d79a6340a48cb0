package io.chatsignals.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The due index's look-ups: what is due, and when the in-memory bound spares the store a range scan. */
class DueIndexLookupTest {
    @ParameterizedTest(name = "entries [{0}], look-ups at [{1}] → [{2}] with {3} scans")
    @CsvSource(
            delimiter = ';',
            value = {
                // entries (due ms); look-ups (now ms); found per look-up (- none, + between several); store scans
                "3000; 1000 2000 2999 3000; - - - 3000; 2",
                "1000 5000; 1000 1001 4999 5000 5001; 1000 - - 5000 -; 2",
                "1000 1000 2000; 2500; 1000+1000+2000; 1",
                "; 1 2 3 100000; - - - -; 1",
                "7000 3000 5000; 4000 4500 6000; 3000 - 5000; 2",
            })
    void scansOnlyWhenSomethingMayBeDue(String entries, String lookups, String found, int scans) {
        Counted index = Counted.create();
        List<String> ats = words(entries);
        for (int i = 0; i < ats.size(); i++) {
            index.index.put(Long.parseLong(ats.get(i)), DueIndex.QUIET, "conversation-" + i);
        }
        index.scans = 0;
        List<String> seen = new ArrayList<>();
        for (String now : words(lookups)) {
            List<DueIndex.Entry> due = index.index.due(Long.parseLong(now));
            due.forEach(index.index::delete);
            seen.add(
                    due.isEmpty()
                            ? "-"
                            : String.join(
                                    "+",
                                    due.stream()
                                            .map(e -> Long.toString(e.dueAt()))
                                            .toList()));
        }
        assertThat(String.join(" ", seen)).isEqualTo(found);
        assertThat(index.scans).isEqualTo(scans);
    }

    @ParameterizedTest(name = "an entry put at {0} ms after a scan that left one at 3000 ms is found at {0} ms")
    @CsvSource({"1500", "2999", "3000", "1"})
    void anEntryPutAfterAScanIsFoundWhenDue(long at) {
        Counted index = Counted.create();
        index.index.put(3000, DueIndex.QUIET, "later");
        assertThat(index.index.due(1000)).isEmpty();
        index.index.put(at, DueIndex.QUIET, "new");
        assertThat(index.index.due(at)).extracting(DueIndex.Entry::conversation).contains("new");
    }

    private static List<String> words(String text) {
        return text == null || text.isBlank()
                ? List.of()
                : Arrays.asList(text.trim().split("\\s+"));
    }

    /** A {@link DueIndex} over an in-memory store whose range scans are counted. */
    private static final class Counted {
        DueIndex index;
        int scans;

        @SuppressWarnings("unchecked")
        static Counted create() {
            KeyValueStore<String, String> store = Stores.keyValueStoreBuilder(
                            Stores.inMemoryKeyValueStore("due-index"), Serdes.String(), Serdes.String())
                    .withLoggingDisabled()
                    .build();
            store.init(new MockProcessorContext<>().getStateStoreContext(), store);
            Counted counted = new Counted();
            KeyValueStore<String, String> counting = (KeyValueStore<String, String>) Proxy.newProxyInstance(
                    KeyValueStore.class.getClassLoader(), new Class<?>[] {KeyValueStore.class}, (proxy, m, args) -> {
                        if (m.getName().equals("range")) {
                            counted.scans++;
                        }
                        try {
                            return m.invoke(store, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            counted.index = new DueIndex(counting);
            return counted;
        }
    }
}
