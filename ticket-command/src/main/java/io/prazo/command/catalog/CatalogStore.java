package io.prazo.command.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prazo.command.domain.PolicyCatalog;
import io.prazo.command.domain.RuleViolationException;
import io.prazo.sla.BusinessCalendar;
import io.prazo.sla.CatalogJson;
import io.prazo.sla.Contract;
import io.prazo.sla.InvalidDefinitionException;
import io.prazo.sla.SlaPolicy;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Policies, calendars and contracts as append-only versions in PostgreSQL. A write validates the
 * document and adds version n+1 (or answers the current version when the document is unchanged); no
 * row is ever updated or deleted (triggers refuse it), so the exact version a ticket was opened
 * under can always be read again. Versions are immutable, so they are cached forever once read.
 * Which version is current (and an organization's contract) is remembered for {@code
 * prazo.command.catalog-current-ttl} (2 s): this instance forgets it at once when it writes, other
 * instances within that time.
 */
@Repository
public class CatalogStore implements PolicyCatalog {
  /** Who wrote the presets. */
  public static final String PRESETS_AUTHOR = "prazo-presets";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final Map<String, SlaPolicy> policies = new ConcurrentHashMap<>();
  private final Map<String, BusinessCalendar> calendars = new ConcurrentHashMap<>();
  private final Map<String, Current> currentVersions = new ConcurrentHashMap<>();
  private final long currentTtlNanos;

  /** A remembered answer to "which is current", and until when it may be used. */
  private record Current(Object value, long until) {}

  public CatalogStore(
      JdbcTemplate jdbc,
      TransactionTemplate transactions,
      ObjectMapper mapper,
      Clock clock,
      @Value("${prazo.command.catalog-current-ttl:PT2S}") java.time.Duration currentTtl) {
    this.currentTtlNanos = currentTtl.toNanos();
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.mapper = mapper;
    this.clock = clock;
  }

  // ---- reads ----

  @Override
  public Optional<Contract> contractOf(String organizationId) {
    return remembered("contract:" + organizationId, () -> readContract(organizationId));
  }

  private Optional<Contract> readContract(String organizationId) {
    return jdbc
        .query(
            "SELECT version, policy_id FROM catalog_contract WHERE organization_id = ?"
                + " ORDER BY version DESC LIMIT 1",
            (rs, n) -> new Contract(organizationId, rs.getInt(1), rs.getString(2)),
            organizationId)
        .stream()
        .findFirst();
  }

  @Override
  public Optional<SlaPolicy> currentPolicy(String policyId) {
    OptionalInt version = latest("catalog_policy", "policy_id", policyId);
    return version.isPresent() ? policy(policyId, version.getAsInt()) : Optional.empty();
  }

  @Override
  public Optional<SlaPolicy> policy(String policyId, int version) {
    String key = policyId + "#" + version;
    SlaPolicy cached = policies.get(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<SlaPolicy> loaded =
        document("catalog_policy", "policy_id", policyId, version)
            .map(doc -> CatalogJson.readPolicy(doc, calendarId -> true));
    loaded.ifPresent(p -> policies.put(key, p));
    return loaded;
  }

  @Override
  public OptionalInt currentCalendarVersion(String calendarId) {
    return latest("catalog_calendar", "calendar_id", calendarId);
  }

  public Optional<BusinessCalendar> currentCalendar(String calendarId) {
    OptionalInt version = currentCalendarVersion(calendarId);
    return version.isPresent() ? calendar(calendarId, version.getAsInt()) : Optional.empty();
  }

  public Optional<BusinessCalendar> calendar(String calendarId, int version) {
    String key = calendarId + "#" + version;
    BusinessCalendar cached = calendars.get(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<BusinessCalendar> loaded =
        document("catalog_calendar", "calendar_id", calendarId, version)
            .map(CatalogJson::readCalendar);
    loaded.ifPresent(c -> calendars.put(key, c));
    return loaded;
  }

  public List<SlaPolicy> currentPolicies() {
    return jdbc
        .queryForList(
            "SELECT policy_id, max(version) FROM catalog_policy GROUP BY policy_id"
                + " ORDER BY policy_id")
        .stream()
        .map(
            row ->
                policy((String) row.get("policy_id"), ((Number) row.get("max")).intValue())
                    .orElseThrow())
        .toList();
  }

  public List<BusinessCalendar> currentCalendars() {
    return jdbc
        .queryForList(
            "SELECT calendar_id, max(version) FROM catalog_calendar GROUP BY calendar_id"
                + " ORDER BY calendar_id")
        .stream()
        .map(
            row ->
                calendar((String) row.get("calendar_id"), ((Number) row.get("max")).intValue())
                    .orElseThrow())
        .toList();
  }

  public boolean isEmpty() {
    Integer count = jdbc.queryForObject("SELECT count(*) FROM catalog_calendar", Integer.class);
    return count == null || count == 0;
  }

  // ---- writes ----

  /** Adds a calendar version from a document; answers the current one if nothing changed. */
  public BusinessCalendar putCalendar(String calendarId, JsonNode doc, String author) {
    return appendVersion(
        "catalog_calendar",
        "calendar_id",
        calendarId,
        version -> CatalogJson.readCalendar(doc, calendarId, version),
        (candidate, current) -> candidate.withVersion(current.version()).equals(current),
        this::calendar,
        CatalogJson::write,
        author);
  }

  /** Adds a policy version from a document; its calendars must exist. */
  public SlaPolicy putPolicy(String policyId, JsonNode doc, String author) {
    return appendVersion(
        "catalog_policy",
        "policy_id",
        policyId,
        version ->
            CatalogJson.readPolicy(
                doc, policyId, version, id -> currentCalendarVersion(id).isPresent()),
        (candidate, current) -> candidate.withVersion(current.version()).equals(current),
        this::policy,
        CatalogJson::write,
        author);
  }

  /** Binds an organization to a policy, as a new contract version. */
  public Contract putContract(String organizationId, JsonNode doc, String author) {
    Contract requested = CatalogJson.readContract(doc, organizationId, 1);
    if (currentPolicy(requested.policyId()).isEmpty()) {
      throw new RuleViolationException("unknown policy " + requested.policyId());
    }
    for (int attempt = 0; ; attempt++) {
      forgetCurrent();
      Optional<Contract> current = contractOf(organizationId);
      if (current.isPresent() && current.get().policyId().equals(requested.policyId())) {
        return current.get();
      }
      int version = current.map(c -> c.version() + 1).orElse(1);
      try {
        jdbc.update(
            "INSERT INTO catalog_contract (organization_id, version, policy_id, created_at,"
                + " created_by) VALUES (?, ?, ?, ?, ?)",
            organizationId,
            version,
            requested.policyId(),
            Timestamp.from(clock.instant()),
            author);
        forgetCurrent();
        return new Contract(organizationId, version, requested.policyId());
      } catch (DuplicateKeyException concurrentWriter) {
        if (attempt >= 3) {
          throw concurrentWriter;
        }
      }
    }
  }

  /** Loads the presets in one transaction, unless another instance already did. */
  public boolean loadPresetsIfEmpty(
      List<BusinessCalendar> presetCalendars, List<SlaPolicy> presetPolicies) {
    Boolean loaded =
        transactions.execute(
            status -> {
              jdbc.queryForObject("SELECT pg_advisory_xact_lock(7261001)", Object.class);
              if (!isEmpty()) {
                return false;
              }
              for (BusinessCalendar calendar : presetCalendars) {
                insert(
                    "catalog_calendar",
                    "calendar_id",
                    calendar.id(),
                    calendar.version(),
                    CatalogJson.write(calendar),
                    PRESETS_AUTHOR);
              }
              for (SlaPolicy policy : presetPolicies) {
                insert(
                    "catalog_policy",
                    "policy_id",
                    policy.id(),
                    policy.version(),
                    CatalogJson.write(policy),
                    PRESETS_AUTHOR);
              }
              return true;
            });
    return Boolean.TRUE.equals(loaded);
  }

  /**
   * What an import did with one document.
   *
   * @param kind {@code calendar} or {@code policy}
   * @param version the version the document now is
   * @param added whether that version was added by this import (false: it equals the current one)
   */
  public record Imported(String kind, String id, int version, boolean added) {}

  /**
   * Adds a version of every calendar, then every policy, of {@code directory} whose document
   * differs from the current one, all in one transaction: either every document is imported or none
   * is. Instances importing at once take turns.
   *
   * @throws CatalogImportException listing every document that is not a valid definition
   */
  List<Imported> importDirectory(Path dir, CatalogDirectory directory, String author) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transactions.execute(
            status -> {
              jdbc.queryForObject("SELECT pg_advisory_xact_lock(7261002)", Object.class);
              List<String> problems = new ArrayList<>();
              List<Imported> imported = new ArrayList<>();
              importEach(
                  "calendar",
                  "catalog_calendar",
                  "calendar_id",
                  directory.calendars(),
                  entry -> putCalendar(entry.id(), entry.document(), author).version(),
                  problems,
                  imported);
              importEach(
                  "policy",
                  "catalog_policy",
                  "policy_id",
                  directory.policies(),
                  entry -> putPolicy(entry.id(), entry.document(), author).version(),
                  problems,
                  imported);
              if (!problems.isEmpty()) {
                throw new CatalogImportException(dir, problems);
              }
              return List.copyOf(imported);
            });
      } catch (DataAccessException concurrentWriter) {
        // A PUT of the same id committed between our read and insert; the transaction is void.
        forgetCurrent();
        if (attempt >= 3) {
          throw concurrentWriter;
        }
      } catch (RuntimeException e) {
        forgetCurrent();
        throw e;
      }
    }
  }

  /** Puts each document; a refused one adds its problems instead, naming its file. */
  private void importEach(
      String kind,
      String table,
      String idColumn,
      List<CatalogDirectory.Entry> entries,
      java.util.function.ToIntFunction<CatalogDirectory.Entry> put,
      List<String> problems,
      List<Imported> imported) {
    for (CatalogDirectory.Entry entry : entries) {
      int before = latest(table, idColumn, entry.id()).orElse(0);
      try {
        int version = put.applyAsInt(entry);
        imported.add(new Imported(kind, entry.id(), version, version > before));
      } catch (InvalidDefinitionException invalid) {
        for (InvalidDefinitionException.FieldError error : invalid.errors()) {
          problems.add(entry.file() + ": " + error);
        }
      } catch (RuleViolationException refused) {
        problems.add(entry.file() + ": " + refused.getMessage());
      }
    }
  }

  // ---- plumbing ----

  @FunctionalInterface
  private interface Reader<T> {
    T read(int version);
  }

  @FunctionalInterface
  private interface Unchanged<T> {
    boolean test(T candidate, T current);
  }

  @FunctionalInterface
  private interface Loader<T> {
    Optional<T> load(String id, int version);
  }

  @FunctionalInterface
  private interface Writer<T> {
    ObjectNode write(T value);
  }

  private <T> T appendVersion(
      String table,
      String idColumn,
      String id,
      Reader<T> reader,
      Unchanged<T> unchanged,
      Loader<T> loader,
      Writer<T> writer,
      String author) {
    for (int attempt = 0; ; attempt++) {
      forgetCurrent();
      OptionalInt latest = latest(table, idColumn, id);
      int version = latest.isPresent() ? latest.getAsInt() + 1 : 1;
      T candidate = reader.read(version);
      if (latest.isPresent()) {
        T current = loader.load(id, latest.getAsInt()).orElseThrow();
        if (unchanged.test(candidate, current)) {
          return current;
        }
      }
      try {
        insert(table, idColumn, id, version, writer.write(candidate), author);
        return candidate;
      } catch (DuplicateKeyException concurrentWriter) {
        if (attempt >= 3) {
          throw concurrentWriter;
        }
      }
    }
  }

  private void insert(
      String table, String idColumn, String id, int version, ObjectNode doc, String author) {
    try {
      jdbc.update(
          "INSERT INTO "
              + table
              + " ("
              + idColumn
              + ", version, document, created_at, created_by) VALUES (?, ?, ?, ?, ?)",
          id,
          version,
          mapper.writeValueAsString(doc),
          Timestamp.from(clock.instant()),
          author);
      forgetCurrent();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a catalog document", e);
    }
  }

  private OptionalInt latest(String table, String idColumn, String id) {
    return remembered(table + ":" + id, () -> readLatest(table, idColumn, id));
  }

  @SuppressWarnings("unchecked")
  private <T> T remembered(String key, java.util.function.Supplier<T> read) {
    if (currentTtlNanos <= 0) {
      return read.get();
    }
    long now = System.nanoTime();
    Current known = currentVersions.get(key);
    if (known != null && now - known.until() < 0) {
      return (T) known.value();
    }
    T value = read.get();
    currentVersions.put(key, new Current(value, now + currentTtlNanos));
    return value;
  }

  private void forgetCurrent() {
    currentVersions.clear();
  }

  private OptionalInt readLatest(String table, String idColumn, String id) {
    Integer version =
        jdbc.queryForObject(
            "SELECT max(version) FROM " + table + " WHERE " + idColumn + " = ?", Integer.class, id);
    return version == null ? OptionalInt.empty() : OptionalInt.of(version);
  }

  private Optional<JsonNode> document(String table, String idColumn, String id, int version) {
    return jdbc
        .query(
            "SELECT document FROM " + table + " WHERE " + idColumn + " = ? AND version = ?",
            (rs, n) -> rs.getString(1),
            id,
            version)
        .stream()
        .findFirst()
        .map(
            text -> {
              try {
                return mapper.readTree(text);
              } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable catalog document " + id, e);
              }
            });
  }
}
