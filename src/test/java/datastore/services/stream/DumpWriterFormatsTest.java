package datastore.services.stream;

import static org.assertj.core.api.Assertions.assertThat;

import datastore.schemas.types.FieldType;
import org.junit.jupiter.api.Test;

class DumpWriterFormatsTest {

    @Test
    void formatsParseFromTheirParameterValues() {
        assertThat(DumpFormat.parse("csv")).contains(DumpFormat.CSV);
        assertThat(DumpFormat.parse("tsv")).contains(DumpFormat.TSV);
        assertThat(DumpFormat.parse("json")).contains(DumpFormat.JSON);
        assertThat(DumpFormat.parse("xml")).contains(DumpFormat.XML);
        assertThat(DumpFormat.parse("CSV")).isEmpty();
        assertThat(DumpFormat.parse(null)).isEmpty();
    }

    @Test
    void formatsExposeCkansIntendedContentTypesAndExtensions() {
        assertThat(DumpFormat.CSV.contentType()).isEqualTo("text/csv; charset=utf-8");
        assertThat(DumpFormat.TSV.contentType()).isEqualTo("text/tab-separated-values; charset=utf-8");
        assertThat(DumpFormat.JSON.contentType()).isEqualTo("application/json; charset=utf-8");
        assertThat(DumpFormat.XML.contentType()).isEqualTo("text/xml; charset=utf-8");
        assertThat(DumpFormat.TSV.extension()).isEqualTo("tsv");
    }

    @Test
    void formatsProvideTheirWriters() {
        assertThat(DumpFormat.CSV.writer()).isSameAs(CsvDumpWriter.csv());
        assertThat(DumpFormat.TSV.writer()).isSameAs(CsvDumpWriter.tsv());
        assertThat(DumpFormat.JSON.writer()).isInstanceOf(JsonDumpWriter.class);
        assertThat(DumpFormat.XML.writer()).isInstanceOf(XmlDumpWriter.class);
    }

    @Test
    void idAndRankColumnsReportCkansSyntheticTypes() {
        assertThat(new OutputField("_id", FieldType.INT4).reportedType()).isEqualTo("int");
        assertThat(new OutputField("n", FieldType.INT4).reportedType()).isEqualTo("int4");
        assertThat(OutputField.rankColumn("rank name").reportedType()).isEqualTo("float");
        assertThat(new OutputField("tags", FieldType.parse("text[]").orElseThrow()).reportedType())
                .isEqualTo("_text");
    }
}
