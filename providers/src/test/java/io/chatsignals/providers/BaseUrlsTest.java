package io.chatsignals.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BaseUrlsTest {
    @ParameterizedTest(name = "''{0}'' → ''{1}''")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            textBlock =
                    """
            https://chatapps.8x8.com             | https://chatapps.8x8.com
            ' https://api2.nxcloud.com/ '        | https://api2.nxcloud.com
            http://127.0.0.1:8089//              | http://127.0.0.1:8089
            https://gw.example.com/waba/v2/      | https://gw.example.com/waba/v2
            chatapps.8x8.com                     | NULL
            ftp://files.example.com              | NULL
            https://                             | NULL
            ''                                   | NULL
            """)
    void trimmedAndCheckedOnce(String value, String expected) {
        if (expected == null) {
            assertThatThrownBy(() -> BaseUrls.of("eightbyeight.base-url", value))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("eightbyeight.base-url must be an http(s) URL");
        } else {
            assertThat(BaseUrls.of("eightbyeight.base-url", value)).isEqualTo(expected);
        }
    }
}
