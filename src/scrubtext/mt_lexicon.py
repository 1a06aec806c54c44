"""Word lists for the machine-translation filters, kept small and hand-checked.

Each list is a frozenset of lowercase words. They decide *whether* a rule may fire
on a candidate the patterns found; none of them is a source of replacements
except :data:`ACRONYMS`, which users extend through the ``mt.acronyms`` option.

>>> "network" in GENERATION_CONTEXT, "sugar" in UNIT_CONTEXT
(True, True)
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Function words that are never correctly doubled in running English, so
#: ``the the`` can be repaired. ``had had``, ``that that``, ``is is``, ``in in``,
#: ``her her`` and the like can be correct and are not here.
REPAIRABLE_DOUBLES = _words(
    """the a an of to and with from into onto than their its our your his my these those"""
)

#: Words whose doubling is ordinary English (or a name), never flagged.
LEGIT_DOUBLES = _words(
    """had that is was do did bye no so very really ha haha la yeah yes well now go
    too far long many much more again ever never knock tut hip hear there here
    pom tom can in on her him it out up down round over through by blah night chop
    quick wow oh boo bang tick cha ta"""
)

#: Words after ``5g`` (and 2g-6g) that show the mobile-network reading.
GENERATION_CONTEXT = _words(
    """network networks base station stations era technology technologies telemedicine
    signal signals coverage phone phones smartphone smartphones handset handsets mobile
    connectivity service services infrastructure deployment deployments spectrum licence
    licences license licenses rollout roll-out chip chips chipset chipsets modem modems
    standard standards commercial commercialization commercialisation application
    applications industry internet iot router routers tower towers antenna antennas
    cellular wireless band bands nr lte users subscribers plans plan speeds speed data
    connection connections equipment enabled ready private module modules core slicing
    construction development developments independent new private sa nsa terminal
    terminals packages package revolution devices device era's operators operator carrier
    carriers upgrade upgrades launch trials trial pilot pilots smart era-based"""
)

#: Words around ``5g`` that show the weight (gram) reading; they veto the repair.
UNIT_CONTEXT = _words(
    """of per sugar sugars fat fats protein proteins salt fibre fiber carb carbs
    carbohydrate carbohydrates butter flour dose doses serving servings each daily a an
    saturated sodium gram grams powder yeast cheese oil rice pasta dry dried fresh
    ground chopped pack packs portion portion portions weight weights less more"""
)

#: Words before ``5g`` that show the weight reading.
UNIT_BEFORE = _words(
    """contains contain containing add adding weighs weigh weighing weighed about
    approximately around roughly nearly almost only just under over than least most
    plus minus x per every with"""
)

#: Acronyms spelled in capitals elsewhere in the document: their all-lowercase
#: spelling is repaired only when the document also spells the canonical form.
ACRONYMS: tuple[str, ...] = ("GDP", "ICT", "IoT", "COVID-19")

#: Common Chinese surnames in pinyin (single and double), lowercase.
SURNAMES = _words(
    """wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo
    zheng liang xie song tang han feng deng cao peng zeng xiao tian dong yuan pan yu jiang
    cai du ye cheng su wei lu ding ren shen yao jin zhong tan fan shi liao zou xiong qiu
    qin jia xue yan mao duan hao kong bai cui kang mo meng qian dai fu gu hou shao wan qi
    ni yin gong long wen lei zhan shan nie yi hong ou xia tao lai fang lan chang tong geng
    mei niu ji bao zhuang xin chai zuo ouyang situ zhuge shangguan sima"""
)

#: Words that, capitalised right after a comma and before a lowercase word, show
#: two sentences fused with a comma (``economy, Make every effort``): verbs and
#: adverbs that open sentences in translated policy text. Pronouns, prepositions,
#: auxiliaries and ``I`` are left out: after a comma they more often start a title
#: (``Memoir, In the Dream House``), a quotation or a quoted question.
SENTENCE_STARTERS = _words(
    """make take build create promote strengthen accelerate improve ensure establish
    support continue further actively vigorously deepen expand implement adhere focus
    enhance develop give carry help strive push realize realise form increase reduce
    optimize optimise encourage guide boost achieve effectively comprehensively fully
    constantly continuously steadily speed thus therefore however moreover meanwhile
    besides"""
)

#: Words that make ``X and X`` an idiom rather than a repetition.
AND_IDIOMS = _words(
    """more less again over on round through out up by time miles years hours days weeks
    months times minutes round side back forth ages"""
)
