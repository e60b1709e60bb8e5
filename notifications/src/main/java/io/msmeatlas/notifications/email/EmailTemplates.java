package io.msmeatlas.notifications.email;

import io.msmeatlas.notifications.Draft;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain-text emails from the templates in {@code templates/email/}: {@code <TYPE>.txt} (first line
 * {@code Subject: ...}, then the text) inside {@code layout.txt}. Placeholders are {@code {{name}}}:
 * {@code title}, {@code body}, {@code link} (absolute), {@code content} (in the layout) and any field of
 * the notification's data. A type without a template of its own uses {@code DEFAULT.txt}.
 */
public class EmailTemplates {

    /** A rendered email. */
    public record Email(String subject, String body) {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z]+)}}");

    private final String publicUrl;
    private final Map<String, String> templates = new ConcurrentHashMap<>();

    public EmailTemplates(String publicUrl) {
        this.publicUrl = publicUrl.replaceAll("/$", "");
    }

    public Email render(Draft draft) {
        String template = template(draft.type().name() + ".txt", "DEFAULT.txt");
        int lineEnd = template.indexOf('\n');
        String subjectLine = template.substring(0, lineEnd).strip();
        if (!subjectLine.startsWith("Subject:")) {
            throw new IllegalStateException("The email template for " + draft.type() + " does not start with Subject:");
        }
        Map<String, String> values = new java.util.HashMap<>();
        draft.data().forEach((key, value) -> values.put(key, String.valueOf(value)));
        values.put("title", draft.title());
        values.put("body", draft.body());
        values.put("link", draft.link() == null ? publicUrl : publicUrl + draft.link());
        values.put("preferences", publicUrl + "/api/notification/preferences");
        values.put("content", fill(template.substring(lineEnd + 1).strip(), values));
        return new Email(fill(subjectLine.substring("Subject:".length()).strip(), values),
                fill(template("layout.txt", null), values));
    }

    private String template(String name, String fallback) {
        String found = templates.computeIfAbsent(name, EmailTemplates::load);
        if (found.isEmpty() && fallback != null) {
            return template(fallback, null);
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("No email template " + name);
        }
        return found;
    }

    private static String load(String name) {
        try (InputStream in = EmailTemplates.class.getClassLoader().getResourceAsStream("templates/email/" + name)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fill(String text, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(filled, Matcher.quoteReplacement(values.getOrDefault(matcher.group(1), "")));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }
}
