package io.prazo.load;

import java.util.Properties;

/**
 * Where the ceiling benchmark connects. {@code user} and {@code password} may be null (the URL can
 * carry them).
 */
record JdbcTarget(String url, String user, String password) {

  /** The file the standalone writes into its data directory. */
  static final String PROPERTIES_FILE = "postgres.properties";

  /**
   * {@code --jdbc-url} with {@code --jdbc-user}/{@code --jdbc-password} when given; otherwise
   * {@code <data-dir>/postgres.properties} (keys {@code url}, {@code user}, {@code password}), the
   * command-line user and password overriding the file's.
   */
  static JdbcTarget resolve(Options options) throws SetupException {
    if (options.jdbcUrl() != null) {
      return new JdbcTarget(options.jdbcUrl(), options.jdbcUser(), options.jdbcPassword());
    }
    Properties properties =
        StandaloneFiles.read(
            options.dataDir(),
            PROPERTIES_FILE,
            "url",
            "cannot run the ceiling benchmark; pass --jdbc-url or --skip-ceiling");
    String url = properties.getProperty("url");
    return new JdbcTarget(
        url.trim(),
        options.jdbcUser() != null ? options.jdbcUser() : properties.getProperty("user"),
        options.jdbcPassword() != null
            ? options.jdbcPassword()
            : properties.getProperty("password"));
  }

  @Override
  public String toString() {
    return "JdbcTarget[url=" + url + ", user=" + user + "]";
  }

  /** An autocommitting connection to the target. */
  java.sql.Connection connect() throws java.sql.SQLException {
    java.util.Properties properties = new java.util.Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    properties.setProperty("ApplicationName", "prazo-load-driver");
    java.sql.Connection connection = java.sql.DriverManager.getConnection(url, properties);
    connection.setAutoCommit(true);
    return connection;
  }
}
