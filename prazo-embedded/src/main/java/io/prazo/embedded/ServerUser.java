package io.prazo.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the PostgreSQL programs are run. PostgreSQL refuses to run as root ({@code initdb}, {@code
 * pg_ctl} and {@code postgres} all check {@code geteuid() == 0}), so as root we either
 *
 * <ol>
 *   <li>{@link Mode#USER_NAMESPACE}: run them under {@code unshare -U} (util-linux; what zonky does
 *       too). In a fresh user namespace with no uid mapping the process and the root-owned data
 *       files both appear as the overflow uid (65534), so PostgreSQL's owner checks pass, while the
 *       kernel still treats the process as its real owner for file access. Nothing to install; it
 *       needs unprivileged user namespaces, which some container runtimes forbid; or
 *   <li>{@link Mode#SETPRIV}: fall back to {@code setpriv --reuid 65534} (util-linux too) and hand
 *       the data directory to uid/gid 65534 ({@code nobody}, present on every distribution). The
 *       data directory's parents must then be searchable by that user.
 * </ol>
 *
 * <p>As any other user the programs just run as that user ({@link Mode#CURRENT_USER}). The choice
 * can be forced with the system property {@value #STRATEGY_PROPERTY} = {@code userns} or {@code
 * setpriv} (only meaningful as root).
 */
final class ServerUser {

  static final String STRATEGY_PROPERTY = "prazo.embedded.root-strategy";
  static final int NOBODY = 65534;

  private static final Logger log = LoggerFactory.getLogger(ServerUser.class);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

  enum Mode {
    CURRENT_USER,
    USER_NAMESPACE,
    SETPRIV
  }

  private static Integer currentUid;
  private static Boolean userNamespaceWorks;
  private static Boolean setprivWorks;

  private final Mode mode;

  private ServerUser(Mode mode) {
    this.mode = mode;
  }

  Mode mode() {
    return mode;
  }

  static synchronized ServerUser detect() {
    if (currentUid() != 0) {
      return new ServerUser(Mode.CURRENT_USER);
    }
    String forced = System.getProperty(STRATEGY_PROPERTY, "").trim().toLowerCase(Locale.ROOT);
    switch (forced) {
      case "":
      case "auto":
        break;
      case "userns":
        requireUsable(userNamespaceWorks(), "unshare -U");
        return new ServerUser(Mode.USER_NAMESPACE);
      case "setpriv":
        requireUsable(setprivWorks(), "setpriv --reuid " + NOBODY);
        return new ServerUser(Mode.SETPRIV);
      default:
        throw new EmbeddedPostgresException(
            "Unknown " + STRATEGY_PROPERTY + "=" + forced + " (expected auto, userns or setpriv)");
    }
    if (userNamespaceWorks()) {
      return new ServerUser(Mode.USER_NAMESPACE);
    }
    if (setprivWorks()) {
      log.info(
          "Running as root without user namespaces: PostgreSQL will run as uid {} via setpriv",
          NOBODY);
      return new ServerUser(Mode.SETPRIV);
    }
    throw new EmbeddedPostgresException(
        "PostgreSQL refuses to run as root, and this machine offers no way to drop root: neither"
            + " 'unshare -U' (user namespaces) nor 'setpriv' (util-linux) works. Run as a normal"
            + " user, or install util-linux.");
  }

  private static void requireUsable(boolean usable, String what) {
    if (!usable) {
      throw new EmbeddedPostgresException(
          STRATEGY_PROPERTY + " asks for '" + what + "', which does not work on this machine");
    }
  }

  /** The command line that runs {@code program} with {@code arguments} as the server user. */
  List<String> command(Path program, List<String> arguments) {
    List<String> command = new ArrayList<>();
    switch (mode) {
      case USER_NAMESPACE -> command.addAll(List.of("unshare", "-U"));
      case SETPRIV ->
          command.addAll(
              List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
      case CURRENT_USER -> {}
    }
    command.add(program.toString());
    command.addAll(arguments);
    return command;
  }

  /**
   * Makes {@code path} (recursively) owned by the user the server runs as, when that is another
   * user than ours: only in {@link Mode#SETPRIV}, or to repair a directory a SETPRIV run left
   * behind. A no-op for non-root users.
   */
  void takeOwnership(Path path) throws IOException {
    if (mode == Mode.CURRENT_USER) {
      return;
    }
    int uid = mode == Mode.SETPRIV ? NOBODY : 0;
    try (Stream<Path> all = Files.walk(path)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        if (!ownedBy(p, uid)) {
          Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
          Files.setAttribute(p, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
        }
      }
    }
  }

  /** Whether {@code path} needs {@link #takeOwnership} (cheap check on the top-level only). */
  boolean ownsTopLevel(Path path) throws IOException {
    return mode == Mode.CURRENT_USER || ownedBy(path, mode == Mode.SETPRIV ? NOBODY : 0);
  }

  /**
   * In {@link Mode#SETPRIV} the server user must be able to reach {@code path}: every parent needs
   * the search (x) permission for others.
   */
  void checkReachable(Path path) throws IOException {
    if (mode != Mode.SETPRIV) {
      return;
    }
    for (Path p = path.getParent(); p != null; p = p.getParent()) {
      PosixFileAttributes attributes = Files.readAttributes(p, PosixFileAttributes.class);
      if (!attributes.permissions().contains(PosixFilePermission.OTHERS_EXECUTE)
          && !ownedBy(p, NOBODY)) {
        throw new EmbeddedPostgresException(
            "Running as root, PostgreSQL runs as uid "
                + NOBODY
                + " (via setpriv), but that user cannot reach "
                + path
                + " because "
                + p
                + " is not searchable by others (o+x). Choose a directory under e.g. /tmp or /var"
                + " or make the parents searchable.");
      }
    }
  }

  private static boolean ownedBy(Path path, int uid) throws IOException {
    return ((Number) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS)).intValue()
        == uid;
  }

  static synchronized int currentUid() {
    if (currentUid == null) {
      currentUid = lookUpUid();
    }
    return currentUid;
  }

  private static int lookUpUid() {
    try {
      Class<?> unixSystem = Class.forName("com.sun.security.auth.module.UnixSystem");
      Object instance = unixSystem.getDeclaredConstructor().newInstance();
      return ((Number) unixSystem.getMethod("getUid").invoke(instance)).intValue();
    } catch (ReflectiveOperationException | LinkageError e) {
      Commands.Result id = Commands.run(List.of("id", "-u"), PROBE_TIMEOUT);
      if (id.ok()) {
        return Integer.parseInt(id.output().trim());
      }
      throw new EmbeddedPostgresException("Cannot tell which user this JVM runs as", e);
    }
  }

  private static boolean userNamespaceWorks() {
    if (userNamespaceWorks == null) {
      // Same probe as zonky: inside the namespace we must no longer be uid 0, and the overflow
      // uid must have a name (initdb looks the current user up).
      Commands.Result uid = Commands.run(List.of("unshare", "-U", "id", "-u"), PROBE_TIMEOUT);
      Commands.Result name = Commands.run(List.of("unshare", "-U", "id", "-un"), PROBE_TIMEOUT);
      userNamespaceWorks = uid.ok() && !uid.output().trim().equals("0") && name.ok();
      log.debug("unshare -U usable: {} ({} / {})", userNamespaceWorks, uid, name);
    }
    return userNamespaceWorks;
  }

  private static boolean setprivWorks() {
    if (setprivWorks == null) {
      Commands.Result uid =
          Commands.run(
              List.of(
                  "setpriv",
                  "--reuid=" + NOBODY,
                  "--regid=" + NOBODY,
                  "--clear-groups",
                  "id",
                  "-un"),
              PROBE_TIMEOUT);
      setprivWorks = uid.ok();
      log.debug("setpriv usable: {} ({})", setprivWorks, uid);
    }
    return setprivWorks;
  }
}
