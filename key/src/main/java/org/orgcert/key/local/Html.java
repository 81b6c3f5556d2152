package org.orgcert.key.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import org.orgcert.key.RenewalWindow;

/**
 * The frame of the assistant's own pages: one style sheet, no script at all, and the headers that keep other sites
 * from framing, scripting or reading them. Every text put into a page goes through {@link #text}.
 */
final class Html {
    private static final String STYLE = """
            body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:0;background:#f4f6f8;\
            color:#1b1f23;line-height:1.6}
            main{max-width:46rem;margin:0 auto;padding:1rem 1.25rem 3rem}
            h1{font-size:1.5rem;margin:1rem 0}h2{font-size:1.15rem;margin:0 0 .5rem}
            section{background:#fff;border:1px solid #d5dbe1;border-radius:6px;padding:1rem 1.25rem;margin:1rem 0}
            dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}dt{color:#57606a}dd{margin:0}
            label{display:block;margin:.5rem 0 .2rem}
            input[type=password]{font-size:1rem;padding:.4rem;width:16rem;max-width:100%}
            button{font-size:1rem;padding:.45rem 1.2rem;margin:.6rem .6rem 0 0;border-radius:4px;border:1px solid #1f6feb;\
            background:#1f6feb;color:#fff;cursor:pointer}
            button.secondary{background:#fff;color:#1f6feb}button.danger{background:#fff;color:#b42318;border-color:#b42318}
            .notice{padding:.75rem 1rem;border-radius:6px;margin:1rem 0;font-weight:bold}
            .ok{background:#e6f4ea;border:1px solid #34a853}.error{background:#fdecea;border:1px solid #d93025}
            .origin{font-size:1.4rem;font-weight:bold;color:#0b3d91;word-break:break-all;background:#eef4ff;\
            padding:.5rem .75rem;border-radius:6px;border:2px solid #1f6feb}
            .hint{color:#57606a;font-size:.92rem}
            table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .4rem;border-bottom:1px solid #e1e4e8;\
            word-break:break-all}
            """;
    /** Only this style sheet may apply; no script, no frame, forms only to this assistant. */
    static final String POLICY = "default-src 'none'; style-src '" + sha256(STYLE) + "'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private Html() {
    }

    /** A whole page. {@code body} is HTML already made of {@link #text}-escaped parts. */
    static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + text(title) + "</title><style>" + STYLE + "</style></head>\n<body><main>\n" + body
                + "\n</main></body></html>\n";
    }

    /** Text as HTML: every character that could open markup or leave an attribute is escaped. */
    static String text(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(raw.length() + 16);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A notice box: green when {@code ok}, red otherwise. */
    static String notice(Notice notice) {
        if (notice == null) {
            return "";
        }
        return "<p class=\"notice " + (notice.ok() ? "ok" : "error") + "\" role=\"status\">" + text(notice.text())
                + "</p>\n";
    }

    /** The hidden field that carries the page's anti-CSRF token. */
    static String csrf(String token) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + text(token) + "\">";
    }

    /** A time in Beijing time, e.g. {@code 2026年12月7日 18:00}. */
    static String time(Instant instant) {
        return TIME.format(instant.atZone(RenewalWindow.SHANGHAI));
    }

    /** A date, e.g. {@code 2026年12月7日}. */
    static String date(java.time.LocalDate date) {
        return DATE.format(date);
    }

    private static String sha256(String text) {
        try {
            return "sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
