# frozen_string_literal: true

# Anything printable as a page.
class Document
  def render
    "<page>#{body}</page>"
  end

  def body
    ""
  end
end
