"""Hard-wrapped newspaper text: lines broken for width are read as the prose they were."""
import cnedu_extract as ce
from cnedu_extract.unwrap import unwrap

# a 1990s newspaper item as archived: every line fills the same columns, a paragraph's first
# line is indented deeper, and a number can be broken over two lines
WRAPPED = (
    "           城乡儿童教育调查\n"
    "    新华社北京５月８日电\n"
    "                 这次调查以全国城乡６至１４岁学龄儿童为对象，总数约１６０\n"
    "             ０万人。调查表明，绝大多数儿童能够按时入学，其中农村儿童的入\n"
    "             学率比五年前提高了十个百分点，城市儿童的入学率保持在百分之九\n"
    "             十八以上，各地新建和改建的中小学校舍面积达到了一千二百万平方\n"
    "             米。\n"
    "                 调查还发现，家庭教育存在不少问题，也需要学校和社会共同关\n"
    "             心，有关部门将在今年下半年组织专门的研讨会，讨论具体的措施。\n"
)


def test_a_number_broken_over_two_lines_is_one_figure():
    recs = {r.value: r for r in ce.extract(WRAPPED)}
    assert 16000000 in recs
    r = recs[16000000]
    assert r.text == WRAPPED[r.start:r.end] and "\n" in r.text  # offsets point into the text as given
    assert r.unit == "人"


def test_a_line_break_for_width_is_no_sentence_end():
    rate = next(r for r in ce.extract(WRAPPED) if r.value == 98)
    assert rate.qualifier == "over"
    assert "城市儿童的入学率保持在百分之九十八以上" in rate.sentence
    area = next(r for r in ce.extract(WRAPPED) if r.unit == "平方米")
    assert area.value == 12000000 and area.text == WRAPPED[area.start:area.end]


def test_unwrapped_text_maps_back_to_the_original():
    plain, back = unwrap(WRAPPED)
    assert len(plain) == len(back)
    assert all(plain[i] == WRAPPED[j] for i, j in enumerate(back))
    assert "１６００万人" in plain and "一千二百万平方米" in plain
    assert plain.count("\n") < WRAPPED.count("\n")  # paragraph ends keep their breaks
    assert "讨论具体的措施。\n" in plain


def test_prose_written_one_paragraph_per_line_is_left_alone():
    text = "\n".join(["全市新建学校12所，新增学位8000个。", "教师培训覆盖率达到100%。",
                      "今年将继续推进义务教育优质均衡发展，确保每个孩子都能享有公平而有质量的教育。"] * 3)
    assert unwrap(text) is None
    assert unwrap("短文本\n两行") is None


# a dateline set with wide digits falls a few columns short of the width and runs on
DATELINE = (
    "           青春期教育效果好\n"
    "新华社合肥５月１８日电（通讯员杨积涵）安徽省蚌\n"
    "埠市在城乡２２７所中学全面开展青春期教育，根据当代\n"
    "中学生普遍提早进入青春期的特点，适时适量地对中学生\n"
    "进行以生理知识为起点、心理指导为特点、社会主义道德\n"
    "为重点的系列化青春期教育，取得了较为满意的成效。\n"
    "    蚌埠市教委首先通过学习和宣传，使各校领导和开课\n"
    "教师在认识上由消极回避现实转变为积极面对现实，由封\n"
)


def test_a_short_line_that_ends_mid_word_runs_on():
    plain, _ = unwrap(DATELINE)
    assert "安徽省蚌埠市在城乡" in plain
    assert "青春期教育效果好\n新华社" in plain  # a centred title keeps its break
    r = next(r for r in ce.extract(DATELINE) if r.unit == "所")
    assert r.region == "蚌埠市"


def test_a_list_of_short_lines_is_no_hard_wrapped_text():
    """Book entries (title, publisher, ISBN, price) have lines of the same short width: each is
    its own line, and 定价：35.00元 keeps its label."""
    entry = "\u3000\u30002006年度考试辅导教材－审计{k}\n\u3000\u3000经济科学出版社出版\n\u3000\u3000ISBN 7-5058-5577-{k}\n\u3000\u3000定价：3{k}.00元\n\u3000\u3000\n"
    text = "".join(entry.format(k=k) for k in range(5))
    assert unwrap(text) is None
    assert [r.metric for r in ce.extract(text)] == ["定价"] * 5
