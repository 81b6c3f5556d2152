package org.orgcert.key.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installed package's launcher: serve with the settings of the configuration file. */
class PackagedMainTest {
    @TempDir
    Path home;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void theConfigurationIsInTheUsersConfigFolder() {
        assertThat(AssistantConfig.location(Map.of(), "/home/hr", "Linux"))
                .isEqualTo(Path.of("/home/hr/.config/orgcert-assistant/config"));
        assertThat(AssistantConfig.location(Map.of("XDG_CONFIG_HOME", "/cfg"), "/home/hr", "Linux"))
                .isEqualTo(Path.of("/cfg/orgcert-assistant/config"));
        assertThat(AssistantConfig.location(Map.of("XDG_CONFIG_HOME", "relative"), "/home/hr", "Linux"))
                .isEqualTo(Path.of("/home/hr/.config/orgcert-assistant/config"));
        assertThat(PackagedMain.home(Map.of("HOME", "/home/hr"), "/root")).isEqualTo("/home/hr");
        assertThat(PackagedMain.home(Map.of(), "/root")).isEqualTo("/root");
    }

    @Test
    void theSettingsBecomeServesOptions() throws Exception {
        Path file = write("""
                # comment
                service = https://orgcert.example.gov.cn
                token-file = ~/.orgcert/SW1.token
                device-key = /keys/device.key

                port = 17018
                allowed-origin = https://a.example.cn, https://b.example.cn
                """);
        AssistantConfig config = AssistantConfig.read(file, home.toString());
        assertThat(config.serveArguments()).containsExactly("serve", "--service", "https://orgcert.example.gov.cn",
                "--token-file", home.resolve(".orgcert/SW1.token").toString(), "--device-key", "/keys/device.key",
                "--port", "17018", "--allowed-origin", "https://a.example.cn", "--allowed-origin",
                "https://b.example.cn");
        assertThat(config.logFile()).isEmpty();
    }

    @Test
    void aMissingFileOrAnUnknownSettingExitsWithUsage() throws Exception {
        assertThat(run()).isEqualTo(ExitCode.USAGE);
        assertThat(err()).contains("没有配置文件", home.resolve(".config/orgcert-assistant/config").toString());
        for (String bad : List.of("pin = 12345678", "service", "service = a\nservice = b", "--service = x")) {
            err.reset();
            write(bad);
            assertThat(run()).as(bad).isEqualTo(ExitCode.USAGE);
            assertThat(err()).contains("line").doesNotContain("12345678");
        }
    }

    @Test
    void withACommandItIsTheCommandLine() {
        assertThat(PackagedMain.run(new String[] {"help"}, Map.of(), home.toString(), "Linux", print(out),
                print(err))).isEqualTo(ExitCode.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: orgcert-key");
    }

    @Test
    void aConfiguredServeWithoutATokenIsAUsageError() throws Exception {
        write("service = http://127.0.0.1:9\nlog-file = ~/logs/assistant.log\n");
        assertThat(run()).isEqualTo(ExitCode.USAGE);
        assertThat(Files.readString(home.resolve("logs/assistant.log"))).contains("Which token?");
    }

    private ExitCode run() {
        return PackagedMain.run(new String[0], Map.of("HOME", home.toString()), home.toString(), "Linux", print(out),
                print(err));
    }

    private Path write(String text) throws Exception {
        Path file = home.resolve(".config/orgcert-assistant/config");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
