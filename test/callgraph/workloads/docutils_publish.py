"""Workload for test/callgraph/project_recall.py: docutils publishes reStructuredText with sections, lists, tables, directives, roles, references, footnotes, citations and substitutions to HTML, LaTeX, pseudo-XML and a doctree."""
from docutils.core import publish_string, publish_doctree, publish_parts

RST = '''
=======
 Title
=======

:Author: Someone
:Version: 1

.. contents::

Section
=======

Some *emphasis*, **strong**, ``literal``, a `link <http://x.org>`_, a reference_ and :emphasis:`role`.

.. _reference: http://ref.org

- bullet
- list

  1. enumerated
  2. list

term
   definition

+-----+-----+
| a   | b   |
+=====+=====+
| 1   | 2   |
+-----+-----+

=====  =====
simple table
=====  =====
x      y
=====  =====

.. note:: A note.

.. code-block:: python

   print("x")

.. |sub| replace:: substituted

Text with |sub| and a footnote [#]_ and a citation [CIT2002]_.

.. [#] The footnote.
.. [CIT2002] The citation.

>>> print("doctest")
doctest

::

   literal block

.. image:: picture.png
   :alt: alt

.. topic:: Topic

   body
'''
settings = {"report_level": 5, "halt_level": 5, "warning_stream": False}
publish_string(RST, writer_name="html", settings_overrides=settings)
publish_string(RST, writer_name="latex", settings_overrides=settings)
publish_string(RST, writer_name="pseudoxml", settings_overrides=settings)
publish_parts(RST, writer_name="html5", settings_overrides=settings)
doctree = publish_doctree(RST, settings_overrides=settings)
doctree.pformat()
list(doctree.findall())
