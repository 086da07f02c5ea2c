package org.fraudlake.schemas.landing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
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
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One data file of a delivery. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FileEntry(@JsonProperty("name") String name,
                            @JsonProperty("rows") Long rows,
                            @JsonProperty("sha256") String sha256) {
    }

    public static Manifest parse(byte[] json) throws IOException {
        return JSON.readValue(json, Manifest.class);
    }

    public byte[] toJson() throws IOException {
        return JSON.writeValueAsBytes(this);
    }
}
