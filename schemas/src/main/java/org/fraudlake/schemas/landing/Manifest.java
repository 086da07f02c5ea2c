package org.fraudlake.schemas.landing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A delivery's {@code _manifest.json}, written last by the sender.
 *
 * @param feed          feed name
 * @param source        sender code
 * @param businessDate  YYYY-MM-DD
 * @param schemaVersion contract version of the feed
 * @param files         the data files with record counts and sha256 of their stored bytes
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Manifest(@JsonProperty("feed") String feed,
                       @JsonProperty("source") String source,
                       @JsonProperty("business_date") String businessDate,
                       @JsonProperty("schema_version") Integer schemaVersion,
                       @JsonProperty("files") List<FileEntry> files) {

    public static final String FILE_NAME = "_manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** One data file of a delivery. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FileEntry(@JsonProperty("name") String name,
                            @JsonProperty("rows") Long rows,
                            @JsonProperty("sha256") String sha256) {
    }

    /**
     * Parses a manifest strictly: a JSON object whose fields, when present, have the contract's types (text,
     * a whole number, a list of file objects); no value is coerced. Unknown fields are ignored. Throws an
     * {@link IOException} naming the field and the value found.
     */
    public static Manifest parse(byte[] json) throws IOException {
        JsonNode root = JSON.readTree(json);
        if (root == null || !root.isObject()) {
            throw new IOException("a manifest must be a JSON object, got " + kind(root));
        }
        List<FileEntry> files = null;
        JsonNode list = root.get("files");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new IOException("\"files\" must be a list of file objects, got " + kind(list));
            }
            files = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                JsonNode f = list.get(i);
                String where = "files[" + i + "]";
                if (!f.isObject()) {
                    throw new IOException(where + " must be an object with name, rows and sha256, got " + kind(f));
                }
                Long rows = whole(f, "rows", where);
                files.add(new FileEntry(text(f, "name", where), rows, text(f, "sha256", where)));
            }
        }
        Long version = whole(root, "schema_version", "the manifest");
        if (version != null && (version < Integer.MIN_VALUE || version > Integer.MAX_VALUE)) {
            throw new IOException("\"schema_version\" " + version + " is out of range");
        }
        return new Manifest(text(root, "feed", "the manifest"), text(root, "source", "the manifest"),
                text(root, "business_date", "the manifest"), version == null ? null : version.intValue(),
                files == null ? null : List.copyOf(files));
    }

    private static String text(JsonNode node, String field, String where) throws IOException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IOException("\"" + field + "\" of " + where + " must be text, got " + kind(v));
        }
        return v.textValue();
    }

    private static Long whole(JsonNode node, String field, String where) throws IOException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IOException("\"" + field + "\" of " + where + " must be a whole number, got " + kind(v));
        }
        return v.longValue();
    }

    private static String kind(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        String text = v.toString();
        return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " "
                + (text.length() > 80 ? text.substring(0, 80) + "..." : text);
    }

    public byte[] toJson() throws IOException {
        return JSON.writeValueAsBytes(this);
    }
}
