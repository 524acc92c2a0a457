-- codecpg install script, part 86: source-to-sink questions over the data flow.

-- Ready-made sources, sinks and sanitizers --------------------------------------------------

CREATE TYPE codecpg.df_model AS (
    kind        text,
    category    text,
    name        text,
    description text,
    builtin     boolean
);
COMMENT ON TYPE codecpg.df_model IS
  'A name codecpg.cpg_flows can take as a source, sink or sanitizer. Row type of codecpg.df_models.';
SELECT codecpg.comment_attributes('codecpg.df_model', ARRAY[
  ['kind',        'source (a callable whose result, or a name whose value, is tainted), sink (a callable none of whose arguments may be tainted) or sanitizer (a callable whose result is clean).'],
  ['category',    'What the name is about: input, web, network (sources); shell, code, sql, path, deserialization, xss, template, ssrf, redirect, xml (sinks and their sanitizers); any (sanitizers of every category).'],
  ['name',        'A qualified name as cpg_flows matches it (os.system, builtins.eval, flask.request, mod.func(param)); * matches any run of characters (*.execute: an execute method of any object); a sink may end with the arguments that matter, by position or keyword (*.execute[0]: the SQL text, not its parameters).'],
  ['description', 'Why the name is in the set.'],
  ['builtin',     'Shipped with the extension (replaced by upgrades, not dumped); rows users add have false.']
]);

CREATE TABLE codecpg.df_models OF codecpg.df_model (
    kind WITH OPTIONS NOT NULL CHECK (kind IN ('source', 'sink', 'sanitizer')),
    category WITH OPTIONS NOT NULL,
    name WITH OPTIONS NOT NULL,
    builtin WITH OPTIONS NOT NULL DEFAULT false,
    CONSTRAINT df_models_pkey PRIMARY KEY (kind, category, name)
);
COMMENT ON TABLE codecpg.df_models IS
  'Source, sink and sanitizer sets for codecpg.cpg_flows (see codecpg.df_model_names); extend it with your own rows.';
SELECT codecpg.copy_type_comments('codecpg.df_models');
-- Users' rows are user data: pg_dump dumps them; the shipped ones come with the extension.
SELECT pg_catalog.pg_extension_config_dump('codecpg.df_models', 'WHERE NOT builtin');

INSERT INTO codecpg.df_models (kind, category, name, description, builtin)
SELECT m.kind, m.category, m.name, m.description, true
  FROM (VALUES
    ('source', 'input', 'builtins.input', 'A line typed by the user.'),
    ('source', 'input', 'sys.argv', 'Command-line arguments.'),
    ('source', 'input', 'sys.stdin', 'Standard input.'),
    ('source', 'input', 'os.environ', 'Environment variables.'),
    ('source', 'input', 'os.getenv', 'An environment variable.'),
    ('source', 'input', 'os.environb', 'Environment variables as bytes.'),
    ('source', 'input', 'os.getenvb', 'An environment variable as bytes.'),
    ('source', 'input', 'fileinput.input', 'Lines of files named on the command line or of standard input.'),
    ('source', 'web', 'flask.request', 'The request of a Flask view: args, form, values, cookies, headers, json, data, files.'),
    ('source', 'web', 'bottle.request', 'The request of a Bottle route.'),
    ('source', 'web', '*.GET', 'Query parameters of a Django request.'),
    ('source', 'web', '*.POST', 'Form data of a Django request.'),
    ('source', 'web', '*.COOKIES', 'Cookies of a Django request.'),
    ('source', 'web', '*.FILES', 'Uploaded files of a Django request.'),
    ('source', 'web', '*.query_params', 'Query parameters of a Starlette, FastAPI or Django REST framework request.'),
    ('source', 'web', '*.META', 'Headers and server variables of a Django request (HTTP_REFERER, HTTP_HOST, QUERY_STRING).'),
    ('source', 'network', 'urllib.request.urlopen', 'A response read from a URL.'),
    ('source', 'network', 'requests.get', 'An HTTP response.'),
    ('source', 'network', 'requests.post', 'An HTTP response.'),
    ('source', 'network', 'requests.request', 'An HTTP response.'),
    ('source', 'network', '*.recv', 'Bytes received from a socket.'),
    ('source', 'network', '*.recvfrom', 'Bytes received from a socket.'),
    ('sink', 'shell', 'os.system', 'Runs a shell command.'),
    ('sink', 'shell', 'os.popen', 'Runs a shell command.'),
    ('sink', 'shell', 'os.exec*', 'Replaces the process with a program.'),
    ('sink', 'shell', 'os.spawn*', 'Starts a program.'),
    ('sink', 'shell', 'os.posix_spawn*', 'Starts a program.'),
    ('sink', 'shell', 'subprocess.call[0, args]', 'Runs a program (a shell command with shell=True): its command line.'),
    ('sink', 'shell', 'subprocess.run[0, args]', 'Runs a program (a shell command with shell=True): its command line.'),
    ('sink', 'shell', 'subprocess.Popen[0, args]', 'Starts a program (a shell command with shell=True): its command line.'),
    ('sink', 'shell', 'subprocess.check_call[0, args]', 'Runs a program (a shell command with shell=True): its command line.'),
    ('sink', 'shell', 'subprocess.check_output[0, args]', 'Runs a program (a shell command with shell=True): its command line.'),
    ('sink', 'shell', 'subprocess.getoutput', 'Runs a shell command.'),
    ('sink', 'shell', 'subprocess.getstatusoutput', 'Runs a shell command.'),
    ('sink', 'shell', 'asyncio.create_subprocess_shell', 'Runs a shell command.'),
    ('sink', 'shell', 'asyncio.create_subprocess_exec', 'Starts a program.'),
    ('sink', 'shell', 'pty.spawn', 'Starts a program in a pseudo-terminal.'),
    ('sink', 'code', 'builtins.eval', 'Evaluates a Python expression.'),
    ('sink', 'code', 'builtins.exec', 'Executes Python code.'),
    ('sink', 'code', 'builtins.compile', 'Compiles Python code to run.'),
    ('sink', 'code', 'builtins.__import__', 'Imports a module by name.'),
    ('sink', 'code', 'importlib.import_module', 'Imports a module by name.'),
    ('sink', 'sql', '*.execute[0]', 'Runs an SQL statement (DB-API cursors and connections): its text, not its parameters.'),
    ('sink', 'sql', '*.executemany[0]', 'Runs an SQL statement (DB-API): its text, not its parameters.'),
    ('sink', 'sql', '*.executescript[0]', 'Runs SQL statements (sqlite3).'),
    ('sink', 'sql', '*.raw[0, raw_query]', 'Runs a raw SQL query (Django managers): its text, not its parameters.'),
    ('sink', 'sql', 'sqlalchemy.text', 'Makes SQL text to run (SQLAlchemy).'),
    ('sink', 'path', 'builtins.open[0, file]', 'Opens a file by name.'),
    ('sink', 'path', 'io.open[0, file]', 'Opens a file by name.'),
    ('sink', 'path', 'os.open', 'Opens a file by name.'),
    ('sink', 'path', 'os.remove', 'Deletes a file.'),
    ('sink', 'path', 'os.unlink', 'Deletes a file.'),
    ('sink', 'path', 'os.rmdir', 'Deletes a directory.'),
    ('sink', 'path', 'os.rename', 'Renames a file.'),
    ('sink', 'path', 'os.makedirs', 'Creates directories.'),
    ('sink', 'path', 'shutil.rmtree', 'Deletes a directory tree.'),
    ('sink', 'path', 'shutil.copy', 'Copies a file.'),
    ('sink', 'path', 'shutil.copyfile', 'Copies a file.'),
    ('sink', 'path', 'shutil.move', 'Moves a file.'),
    ('sink', 'path', 'pathlib.Path', 'A path to open, write or delete.'),
    ('sink', 'deserialization', 'pickle.loads[0, data]', 'Unpickling runs code the data names.'),
    ('sink', 'deserialization', 'pickle.load', 'Unpickling runs code the data names.'),
    ('sink', 'deserialization', 'marshal.loads', 'Loads code objects.'),
    ('sink', 'deserialization', 'shelve.open', 'Unpickles what the shelf holds.'),
    ('sink', 'deserialization', 'yaml.load', 'Without a safe loader, builds any Python object.'),
    ('sink', 'deserialization', 'yaml.unsafe_load', 'Builds any Python object.'),
    ('sink', 'deserialization', 'dill.loads', 'Unpickling runs code the data names.'),
    ('sink', 'xss', 'markupsafe.Markup[0, base]', 'Marks a string as safe HTML, to be rendered without escaping: its text.'),
    ('sink', 'xss', 'django.utils.safestring.mark_safe', 'Marks a string as safe HTML, to be rendered without escaping.'),
    ('sink', 'xss', 'django.http.HttpResponse[0, content]', 'A Django response (text/html by default): its body, not its headers.'),
    ('sink', 'xss', 'flask.make_response[0]', 'A Flask response (text/html by default): its body, not its status or headers.'),
    ('sink', 'template', 'flask.render_template_string[0, source]', 'Renders Jinja template text: its source, not its context.'),
    ('sink', 'template', 'jinja2.Template[0, source]', 'Compiles Jinja template text, which can run code: its source.'),
    ('sink', 'template', 'django.template.Template[0, template_string]', 'Compiles Django template text: its source.'),
    ('sink', 'ssrf', 'requests.get[0, url]', 'Sends an HTTP request from the server: its URL, not its parameters.'),
    ('sink', 'ssrf', 'requests.post[0, url]', 'Sends an HTTP request from the server: its URL, not its body.'),
    ('sink', 'ssrf', 'requests.put[0, url]', 'Sends an HTTP request from the server: its URL, not its body.'),
    ('sink', 'ssrf', 'requests.delete[0, url]', 'Sends an HTTP request from the server: its URL.'),
    ('sink', 'ssrf', 'requests.request[1, url]', 'Sends an HTTP request from the server: its URL, not its method.'),
    ('sink', 'ssrf', 'urllib.request.urlopen[0, url]', 'Opens a URL (or a Request) from the server: the URL, not the data.'),
    ('sink', 'ssrf', 'urllib.request.Request[0, url]', 'An HTTP request to be opened from the server: its URL, not its data or headers.'),
    ('sink', 'ssrf', 'httpx.get[0, url]', 'Sends an HTTP request from the server: its URL, not its parameters.'),
    ('sink', 'ssrf', 'httpx.post[0, url]', 'Sends an HTTP request from the server: its URL, not its body.'),
    ('sink', 'redirect', 'flask.redirect[0, location]', 'Redirects the browser: its target, not its status code.'),
    ('sink', 'redirect', 'django.shortcuts.redirect[0, to]', 'Redirects the browser: its target (a URL or a view name), not the arguments reversed into the view''s path.'),
    ('sink', 'redirect', 'django.http.HttpResponseRedirect[0, redirect_to]', 'Redirects the browser: its target.'),
    ('sink', 'xml', 'xml.etree.ElementTree.fromstring[0, text]', 'Parses XML text, which the standard library does not guard against malicious constructs: the text, not the parser.'),
    ('sink', 'xml', 'xml.etree.ElementTree.parse[0, source]', 'Parses an XML file (a name or a file object), which the standard library does not guard against malicious constructs.'),
    ('sink', 'xml', 'xml.dom.minidom.parseString[0, string]', 'Parses XML text, which the standard library does not guard against malicious constructs.'),
    ('sink', 'xml', 'xml.sax.parseString[0, string]', 'Parses XML text, which the standard library does not guard against malicious constructs: the text, not the handler.'),
    ('sink', 'xml', 'lxml.etree.fromstring[0, text]', 'Parses XML text, resolving entities (external ones too with the default parser of lxml before 5.0): the text, not the parser.'),
    ('sink', 'xml', 'lxml.etree.parse[0, source]', 'Parses an XML file, URL or file object, resolving entities as lxml.etree.fromstring does.'),
    ('sanitizer', 'shell', 'shlex.quote', 'Quotes a string for a shell command line.'),
    ('sanitizer', 'shell', 'pipes.quote', 'Quotes a string for a shell command line (deprecated alias of shlex.quote).'),
    ('sanitizer', 'path', 'os.path.basename', 'Keeps the last component of a path only.'),
    ('sanitizer', 'path', 'werkzeug.utils.secure_filename', 'Makes a file name safe to store.'),
    ('sanitizer', 'xss', 'html.escape', 'Escapes &, <, > and quotes for HTML.'),
    ('sanitizer', 'xss', 'markupsafe.escape', 'Escapes a string for HTML (a Markup value).'),
    ('sanitizer', 'xss', 'django.utils.html.escape', 'Escapes a string for HTML.'),
    ('sanitizer', 'xss', 'bleach.clean', 'Keeps the allowed HTML tags and attributes only, escaping the rest.'),
    ('sanitizer', 'xss', 'flask.render_template', 'Renders a template file, autoescaping its context for .html, .htm, .xml and .xhtml names.'),
    ('sanitizer', 'xss', 'django.template.loader.render_to_string', 'Renders a template file, autoescaping its context (Django''s default).'),
    ('sanitizer', 'any', 'builtins.int', 'A number carries no text.'),
    ('sanitizer', 'any', 'builtins.float', 'A number carries no text.'),
    ('sanitizer', 'any', 'builtins.bool', 'A truth value carries no text.'),
    ('sanitizer', 'any', 'builtins.len', 'A length carries no text.'),
    ('sanitizer', 'any', 'builtins.hash', 'A hash carries no text.'),
    ('sanitizer', 'any', 'builtins.id', 'An identity carries no text.'),
    ('sanitizer', 'any', 'builtins.isinstance', 'A truth value carries no text.'),
    ('sanitizer', 'any', 'builtins.ord', 'A number carries no text.'),
    ('sanitizer', 'any', 'uuid.UUID', 'A UUID has a fixed form.')
  ) AS m(kind, category, name, description);

CREATE FUNCTION codecpg.df_model_names(kind text, category text DEFAULT NULL)
RETURNS text[]
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog
BEGIN ATOMIC
  SELECT coalesce(array_agg(DISTINCT m.name ORDER BY m.name), '{}')
    FROM codecpg.df_models m
   WHERE m.kind = df_model_names.kind
     AND (df_model_names.category IS NULL OR m.category IN (df_model_names.category, 'any'));
END;
COMMENT ON FUNCTION codecpg.df_model_names(text, text) IS
  'The names of codecpg.df_models of a kind (source, sink, sanitizer) in a category and in category any; every category when category is NULL. For cpg_flows: cpg_flows(repo, df_model_names(''source''), df_model_names(''sink'', ''shell''), df_model_names(''sanitizer'', ''shell'')).';

-- Source-to-sink flows ----------------------------------------------------------------------

CREATE FUNCTION codecpg.cpg_flows(repo text, sources text[], sinks text[], sanitizers text[] DEFAULT '{}',
    OUT source_path text, OUT source_line0 integer, OUT source text,
    OUT sink_path text, OUT sink_line0 integer, OUT sink_callee text,
    OUT steps integer, OUT path jsonb, OUT source_node_id text, OUT sink_node_id text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_flows'
LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION codecpg.cpg_flows(text, text[], text[], text[]) IS
  'Every flow from a source to a sink in a repository, one row per (source, sink call) with the shortest path: source is the name the source matched (a callable whose result is tainted, mod.func(param) for a parameter, a qualified name such as flask.request for a value), sink_callee the sink''s; path is one jsonb object per step (path, line0, kind, name, via, text). Taint follows reaching definitions within functions (overwriting kills it), arguments into parameters, returns into call results (context-sensitively), globals, self attributes and closure variables across functions, containers and calls outside the repository (their result carries their arguments''); a sanitizer''s result is clean; control dependence is not flow. Needs dataflow_files_v1 and codecpg.cpg_refresh''s call graph. See docs/dataflow.md.';

CREATE FUNCTION codecpg.cpg_flows_from(repo text, sources text[], sanitizers text[] DEFAULT '{}',
    OUT source_path text, OUT source_line0 integer, OUT source text,
    OUT path text, OUT line0 integer, OUT kind text, OUT name text, OUT scope text,
    OUT steps integer, OUT via text, OUT node_id text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_flows_from'
LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION codecpg.cpg_flows_from(text, text[], text[]) IS
  'Everything the sources reach in a repository (as cpg_flows solves it): one row per (source, DF_DEF or DF_USE node reached) with the node''s file, line, kind, name, code object (its qualified name) and the number of steps of the shortest way there; via says how its last step was taken. Where does this parameter go: cpg_flows_from(repo, ARRAY[''mod.func(param)'']).';
