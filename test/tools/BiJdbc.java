// How a JDBC client (pgJDBC) sees the two views, as a BI tool would: the views and the
// schema in DatabaseMetaData with their remarks, every column's JDBC type and remark,
// the Java class of every column of a query, and row counts per kind read through JDBC.
// Used by test/shell/bi_clients.sh, which compares the output with an expected file.
//
//   java -cp postgresql.jar:. BiJdbc URL USER PASSWORD REPO
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.Properties;

public class BiJdbc {
    private static String jdbcTypeName(int type) {
        try {
            return JDBCType.valueOf(type).getName();
        } catch (IllegalArgumentException e) {
            return "UNKNOWN(" + type + ")";
        }
    }

    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        props.setProperty("user", args[1]);
        props.setProperty("password", args[2]);
        String repo = args[3];
        try (Connection conn = DriverManager.getConnection(args[0], props)) {
            DatabaseMetaData meta = conn.getMetaData();
            System.out.println("driver " + meta.getDriverName() + " " + meta.getDriverMajorVersion() + "." + meta.getDriverMinorVersion());

            // the views as tables of a schema, with their remarks
            try (ResultSet rs = meta.getTables(null, "codecpg", "cpg_%", new String[] {"VIEW"})) {
                while (rs.next()) {
                    String remarks = rs.getString("REMARKS");
                    System.out.println("table " + rs.getString("TABLE_NAME") + " type=" + rs.getString("TABLE_TYPE")
                            + " remarks=" + (remarks == null || remarks.isEmpty() ? "none" : "yes"));
                }
            }
            try (PreparedStatement st = conn.prepareStatement("SELECT obj_description('codecpg'::regnamespace, 'pg_namespace')");
                 ResultSet rs = st.executeQuery()) {
                rs.next();
                System.out.println("schema codecpg remarks=" + (rs.getString(1) == null ? "none" : "yes"));
            }

            // every column: JDBC type, database type name, nullability, remark
            for (String view : new String[] {"cpg_nodes", "cpg_edges"}) {
                try (ResultSet rs = meta.getColumns(null, "codecpg", view, "%")) {
                    while (rs.next()) {
                        String remarks = rs.getString("REMARKS");
                        System.out.println("column " + view + " " + rs.getInt("ORDINAL_POSITION") + " " + rs.getString("COLUMN_NAME")
                                + " jdbc=" + jdbcTypeName(rs.getInt("DATA_TYPE")) + " db=" + rs.getString("TYPE_NAME")
                                + " remarks=" + (remarks == null || remarks.isEmpty() ? "none" : "yes"));
                    }
                }
            }

            // what a query returns: the Java class of every column, and a value of each scalar
            // BI column as a BI tool reads it
            for (String view : new String[] {"cpg_nodes", "cpg_edges"}) {
                String kindColumn = view.equals("cpg_nodes") ? "node_kind" : "edge_kind";
                String kind = view.equals("cpg_nodes") ? "CST_FUNCTION_DEF" : "PY_CALLS_QNAME";
                try (PreparedStatement st = conn.prepareStatement(
                        "SELECT * FROM codecpg." + view + " WHERE repo = ? AND " + kindColumn + " = ? ORDER BY bstart, path LIMIT 1")) {
                    st.setString(1, repo);
                    st.setString(2, kind);
                    try (ResultSet rs = st.executeQuery()) {
                        ResultSetMetaData md = rs.getMetaData();
                        rs.next();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            Object value = rs.getObject(i);
                            System.out.println("result " + view + " " + md.getColumnName(i) + " jdbc=" + jdbcTypeName(md.getColumnType(i))
                                    + " class=" + md.getColumnClassName(i)
                                    + " value=" + (value == null ? "null" : value.getClass().getName()));
                        }
                    }
                }
            }

            // rows per kind, read through the driver, for the shell test to compare with psql
            for (String[] q : new String[][] {{"nodes", "SELECT node_kind, count(*) FROM codecpg.cpg_nodes WHERE repo = ? GROUP BY 1"},
                                              {"edges", "SELECT edge_kind, count(*) FROM codecpg.cpg_edges WHERE repo = ? GROUP BY 1"}}) {
                try (PreparedStatement st = conn.prepareStatement(q[1])) {
                    st.setString(1, repo);
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next())
                            System.out.println("count " + q[0] + " " + rs.getString(1) + " " + rs.getLong(2));
                    }
                }
            }
        }
    }
}
