class Parser:
    def __init__(self, lines):
        self.lines = lines
        self.pos = 0
        self.events = []
        self.states = []
        self.state = self.parse_stream_start

    def parse(self):
        while self.state is not None:
            self.state()
        return self.events

    def peek(self):
        return self.lines[self.pos] if self.pos < len(self.lines) else None

    def take(self, kind):
        self.events.append((kind, self.peek()))
        self.pos += 1

    def parse_stream_start(self):
        self.events.append(("stream-start", None))
        self.state = self.parse_document_start

    def parse_document_start(self):
        if self.peek() == "---":
            self.take("front-matter-start")
            self.states.append(self.parse_block)
            self.state = self.parse_front_matter_line
        else:
            self.state = self.parse_block

    def parse_front_matter_line(self):
        if self.peek() == "---":
            self.state = self.parse_front_matter_end
        else:
            self.take("front-matter")

    def parse_front_matter_end(self):
        self.take("front-matter-end")
        self.state = self.states.pop()

    def parse_block(self):
        line = self.peek()
        if line is None:
            self.state = self.parse_document_end
        elif line == "":
            self.state = self.parse_blank
        elif line.startswith("#"):
            self.state = self.parse_heading
        elif line.startswith(">"):
            self.state = self.parse_quote
        elif line.startswith("- "):
            self.state = self.parse_list_item
        elif line.startswith("|"):
            self.state = self.parse_table_row
        elif line.startswith("```"):
            self.state = self.parse_code_fence_start
        elif line.startswith("<"):
            self.state = self.parse_html_block
        else:
            self.state = self.parse_paragraph

    def parse_blank(self):
        self.take("blank")
        self.state = self.parse_block

    def parse_heading(self):
        self.take("heading")
        self.state = self.parse_block

    def parse_quote(self):
        self.take("quote")
        self.state = self.parse_block

    def parse_paragraph(self):
        self.take("paragraph")
        self.state = self.parse_block

    def parse_list_item(self):
        self.take("list-item")
        line = self.peek()
        self.state = self.parse_list_item if line and line.startswith("- ") else self.parse_list_end

    def parse_list_end(self):
        self.events.append(("list-end", None))
        self.state = self.parse_block

    def parse_table_row(self):
        self.take("table-row")
        line = self.peek()
        if not (line and line.startswith("|")):
            self.state = self.parse_table_end

    def parse_table_end(self):
        self.events.append(("table-end", None))
        self.state = self.parse_block

    def parse_code_fence_start(self):
        self.take("fence-start")
        self.states.append(self.parse_block)
        self.state = self.parse_code_line

    def parse_code_line(self):
        if self.peek() == "```":
            self.state = self.parse_code_fence_end
        else:
            self.take("code")

    def parse_code_fence_end(self):
        self.take("fence-end")
        self.state = self.states.pop()

    def parse_html_block(self):
        self.take("html")
        self.state = self.parse_block

    def parse_document_end(self):
        self.events.append(("document-end", None))
        self.state = self.parse_stream_end

    def parse_stream_end(self):
        self.events.append(("stream-end", None))
        self.state = None


class StrictParser(Parser):
    pass


class LenientParser(Parser):
    pass
