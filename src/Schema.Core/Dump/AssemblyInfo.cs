using System.Runtime.CompilerServices;

// Unit tests (tests/Schema.Tests/Unit/Dump) exercise SchemaDumper.Render and Normalise without a database.
[assembly: InternalsVisibleTo("Schema.Tests")]
