package dev.workerdi.jdbc.internal;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.ShardingKey;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * A {@link Connection} that sends every call, as a plain virtual call, to the connection {@link
 * #target()} returns (which checks whatever the subclass must check first); the subclass decides
 * {@code close()} and {@code isClosed()}. Default methods of {@code Connection} are forwarded too,
 * so the target's own implementation answers. Thread-safety is the subclass's. Not a supported API.
 */
abstract class ForwardingConnection implements Connection {
  /** The connection the call goes to, after the subclass's checks. */
  abstract Connection target();

  @Override
  public final Statement createStatement() throws SQLException {
    return target().createStatement();
  }

  @Override
  public final PreparedStatement prepareStatement(String a) throws SQLException {
    return target().prepareStatement(a);
  }

  @Override
  public final CallableStatement prepareCall(String a) throws SQLException {
    return target().prepareCall(a);
  }

  @Override
  public final String nativeSQL(String a) throws SQLException {
    return target().nativeSQL(a);
  }

  @Override
  public final void setAutoCommit(boolean a) throws SQLException {
    target().setAutoCommit(a);
  }

  @Override
  public final boolean getAutoCommit() throws SQLException {
    return target().getAutoCommit();
  }

  @Override
  public final void commit() throws SQLException {
    target().commit();
  }

  @Override
  public final void rollback() throws SQLException {
    target().rollback();
  }

  @Override
  public final DatabaseMetaData getMetaData() throws SQLException {
    return target().getMetaData();
  }

  @Override
  public final void setReadOnly(boolean a) throws SQLException {
    target().setReadOnly(a);
  }

  @Override
  public final boolean isReadOnly() throws SQLException {
    return target().isReadOnly();
  }

  @Override
  public final void setCatalog(String a) throws SQLException {
    target().setCatalog(a);
  }

  @Override
  public final String getCatalog() throws SQLException {
    return target().getCatalog();
  }

  @Override
  public final void setTransactionIsolation(int a) throws SQLException {
    target().setTransactionIsolation(a);
  }

  @Override
  public final int getTransactionIsolation() throws SQLException {
    return target().getTransactionIsolation();
  }

  @Override
  public final SQLWarning getWarnings() throws SQLException {
    return target().getWarnings();
  }

  @Override
  public final void clearWarnings() throws SQLException {
    target().clearWarnings();
  }

  @Override
  public final Statement createStatement(int a, int b) throws SQLException {
    return target().createStatement(a, b);
  }

  @Override
  public final PreparedStatement prepareStatement(String a, int b, int c) throws SQLException {
    return target().prepareStatement(a, b, c);
  }

  @Override
  public final CallableStatement prepareCall(String a, int b, int c) throws SQLException {
    return target().prepareCall(a, b, c);
  }

  @Override
  public final Map<String, Class<?>> getTypeMap() throws SQLException {
    return target().getTypeMap();
  }

  @Override
  public final void setTypeMap(Map<String, Class<?>> a) throws SQLException {
    target().setTypeMap(a);
  }

  @Override
  public final void setHoldability(int a) throws SQLException {
    target().setHoldability(a);
  }

  @Override
  public final int getHoldability() throws SQLException {
    return target().getHoldability();
  }

  @Override
  public final Savepoint setSavepoint() throws SQLException {
    return target().setSavepoint();
  }

  @Override
  public final Savepoint setSavepoint(String a) throws SQLException {
    return target().setSavepoint(a);
  }

  @Override
  public final void rollback(Savepoint a) throws SQLException {
    target().rollback(a);
  }

  @Override
  public final void releaseSavepoint(Savepoint a) throws SQLException {
    target().releaseSavepoint(a);
  }

  @Override
  public final Statement createStatement(int a, int b, int c) throws SQLException {
    return target().createStatement(a, b, c);
  }

  @Override
  public final PreparedStatement prepareStatement(String a, int b, int c, int d)
      throws SQLException {
    return target().prepareStatement(a, b, c, d);
  }

  @Override
  public final CallableStatement prepareCall(String a, int b, int c, int d) throws SQLException {
    return target().prepareCall(a, b, c, d);
  }

  @Override
  public final PreparedStatement prepareStatement(String a, int b) throws SQLException {
    return target().prepareStatement(a, b);
  }

  @Override
  public final PreparedStatement prepareStatement(String a, int[] b) throws SQLException {
    return target().prepareStatement(a, b);
  }

  @Override
  public final PreparedStatement prepareStatement(String a, String[] b) throws SQLException {
    return target().prepareStatement(a, b);
  }

  @Override
  public final Clob createClob() throws SQLException {
    return target().createClob();
  }

  @Override
  public final Blob createBlob() throws SQLException {
    return target().createBlob();
  }

  @Override
  public final NClob createNClob() throws SQLException {
    return target().createNClob();
  }

  @Override
  public final SQLXML createSQLXML() throws SQLException {
    return target().createSQLXML();
  }

  @Override
  public final boolean isValid(int a) throws SQLException {
    return target().isValid(a);
  }

  @Override
  public final void setClientInfo(String a, String b) throws SQLClientInfoException {
    target().setClientInfo(a, b);
  }

  @Override
  public final void setClientInfo(Properties a) throws SQLClientInfoException {
    target().setClientInfo(a);
  }

  @Override
  public final String getClientInfo(String a) throws SQLException {
    return target().getClientInfo(a);
  }

  @Override
  public final Properties getClientInfo() throws SQLException {
    return target().getClientInfo();
  }

  @Override
  public final Array createArrayOf(String a, Object[] b) throws SQLException {
    return target().createArrayOf(a, b);
  }

  @Override
  public final Struct createStruct(String a, Object[] b) throws SQLException {
    return target().createStruct(a, b);
  }

  @Override
  public final void setSchema(String a) throws SQLException {
    target().setSchema(a);
  }

  @Override
  public final String getSchema() throws SQLException {
    return target().getSchema();
  }

  @Override
  public final void abort(Executor a) throws SQLException {
    target().abort(a);
  }

  @Override
  public final void setNetworkTimeout(Executor a, int b) throws SQLException {
    target().setNetworkTimeout(a, b);
  }

  @Override
  public final int getNetworkTimeout() throws SQLException {
    return target().getNetworkTimeout();
  }

  @Override
  public final void beginRequest() throws SQLException {
    target().beginRequest();
  }

  @Override
  public final void endRequest() throws SQLException {
    target().endRequest();
  }

  @Override
  public final boolean setShardingKeyIfValid(ShardingKey a, ShardingKey b, int c)
      throws SQLException {
    return target().setShardingKeyIfValid(a, b, c);
  }

  @Override
  public final boolean setShardingKeyIfValid(ShardingKey a, int b) throws SQLException {
    return target().setShardingKeyIfValid(a, b);
  }

  @Override
  public final void setShardingKey(ShardingKey a, ShardingKey b) throws SQLException {
    target().setShardingKey(a, b);
  }

  @Override
  public final void setShardingKey(ShardingKey a) throws SQLException {
    target().setShardingKey(a);
  }

  @Override
  public <T> T unwrap(Class<T> a) throws SQLException {
    return target().unwrap(a);
  }

  @Override
  public final boolean isWrapperFor(Class<?> a) throws SQLException {
    return target().isWrapperFor(a);
  }
}
